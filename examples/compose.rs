//! Composes the two networks of the composition slides, prints the
//! derivation and checks the result against the bundled two-layer ψ network:
//! `cargo run --example compose`.

use netform::testing::{same_function, Verdict};
use netform::{compose, composition_steps, Format, Network, Params};

fn main() -> Result<(), netform::Error> {
    let first = Network::example("compose-first")?;
    let second = Network::example("compose-second")?;
    print!(
        "{}",
        composition_steps(&[&first, &second], Format::Unicode)?
    );

    let combined = compose(&[&first, &second])?;
    let params = Params::example("compose-first")?.join(&Params::example("compose-second")?)?;
    let x = combined.point("x = 1/2")?;
    println!("y' at x = 1/2: {}", combined.eval_exact(&params, &x)?[0]);

    let bundled = Network::example("compose-combined")?;
    let verdict = same_function(
        &combined,
        &params,
        &bundled,
        &Params::example("compose-combined")?,
    )?;
    assert_eq!(verdict, Verdict::Same);
    println!("the composition is the bundled ψ network: {verdict:?}");
    Ok(())
}
