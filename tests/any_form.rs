//! Any form in, any form out: every bundled example, written in every form
//! and every readable format, reads back as a network that computes the same
//! exact values; and converting a form into itself changes nothing.

mod common;

use netform::eval::{Activation, Compiled};
use netform::examples::EXAMPLES;
use netform::network::Network;
use netform::render::{self, Form, FormOptions, Format, Options};
use num_rational::BigRational;

fn form_options(form: Form, explicit: bool) -> FormOptions {
    FormOptions {
        form,
        explicit,
        elide: false,
        beamer: false,
        max_terms: netform::rewrite::nested::DEFAULT_MAX_TERMS,
    }
}

fn values(network: &Network, params: &str) -> Vec<Vec<BigRational>> {
    let bindings = common::bind(network, params);
    let compiled = Compiled::<BigRational>::new(network, &bindings, Activation::Relu);
    (-6..=6)
        .map(|k| {
            let x: Vec<BigRational> = network
                .inputs
                .iter()
                .map(|_| BigRational::new(k.into(), 4.into()))
                .collect();
            compiled.outputs(&x)
        })
        .collect()
}

const FORMS: [(Form, bool); 5] = [
    (Form::Scalar, false),
    (Form::Matrix, false),
    (Form::Matrix, true),
    (Form::General, false),
    (Form::Nested, false),
];

#[test]
fn every_example_in_every_form_reads_back() {
    for example in EXAMPLES {
        let network = common::net(example.source);
        let expected = values(&network, example.params);
        for (form, explicit) in FORMS {
            for format in [Format::Latex, Format::Ascii, Format::Json] {
                let options = Options {
                    format,
                    width: 80,
                    standalone: false,
                };
                let text = render::form(&network, &options, &form_options(form, explicit)).unwrap();
                let read = common::net(&text);
                assert_eq!(
                    values(&read, example.params),
                    expected,
                    "{} {form:?} {format:?}:\n{text}",
                    example.name
                );
                if form != Form::Nested {
                    assert_eq!(
                        read, network,
                        "{} {form:?} explicit={explicit} {format:?}:\n{text}",
                        example.name
                    );
                }
            }
        }
    }
}

#[test]
fn converting_a_form_into_itself_is_stable() {
    for example in EXAMPLES {
        let network = common::net(example.source);
        for (form, explicit) in FORMS {
            for format in [Format::Latex, Format::Ascii] {
                let options = Options {
                    format,
                    width: 80,
                    standalone: false,
                };
                let fo = form_options(form, explicit);
                let once = render::form(&network, &options, &fo).unwrap();
                let twice = render::form(&common::net(&once), &options, &fo).unwrap();
                assert_eq!(
                    once, twice,
                    "{} {form:?} explicit={explicit} {format:?}",
                    example.name
                );
            }
        }
    }
}
