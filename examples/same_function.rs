//! Decides exactly whether two networks compute the same function, and
//! prints the first point where they differ: `cargo run --example same_function`.

use netform::testing::{same_function, Verdict};
use netform::{Network, Params};

fn main() -> Result<(), netform::Error> {
    // a[x] − a[−x] is x.
    let pair = Network::parse(
        "h_1 = a[θ_10 + θ_11 x]\nh_2 = a[θ_20 + θ_21 x]\ny = φ_0 + φ_1 h_1 + φ_2 h_2",
    )?;
    let identity_pair =
        Params::parse("θ_10 = 0; θ_11 = 1; θ_20 = 0; θ_21 = -1; φ_0 = 0; φ_1 = 1; φ_2 = -1")?;
    let line = Network::parse("y = φ_0 + φ_1 x")?;
    let identity = Params::parse("φ_0 = 0; φ_1 = 1")?;
    println!(
        "{:?}",
        same_function(&pair, &identity_pair, &line, &identity)?
    );

    // a[x] + a[−x] is |x|, not x.
    let absolute =
        Params::parse("θ_10 = 0; θ_11 = 1; θ_20 = 0; θ_21 = -1; φ_0 = 0; φ_1 = 1; φ_2 = 1")?;
    match same_function(&pair, &absolute, &line, &identity)? {
        Verdict::Differ(difference) => println!("{difference}"),
        other => println!("{other:?}"),
    }
    Ok(())
}
