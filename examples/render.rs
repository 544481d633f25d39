//! Writes a bundled network in every form, in Unicode and LaTeX:
//! `cargo run --example render`.

use netform::{Form, FormOptions, Format, Network, Options};

fn main() -> Result<(), netform::Error> {
    let network = Network::example("shallow-1-4-2")?;
    for form in [Form::Scalar, Form::Matrix, Form::General, Form::Nested] {
        println!("% {} form", form.name());
        print!("{}", network.render(form, Format::Unicode)?);
    }
    let latex = Options {
        format: Format::Latex,
        ..Options::default()
    };
    let explicit = FormOptions {
        form: Form::Matrix,
        explicit: true,
        beamer: true,
        ..FormOptions::default()
    };
    print!("{}", network.render_with(&latex, &explicit)?);
    Ok(())
}
