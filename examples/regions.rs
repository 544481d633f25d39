//! The exact breakpoints and linear pieces of a one-input network:
//! `cargo run --example regions`.

use netform::{rational, Network, Params};

fn main() -> Result<(), netform::Error> {
    let network = Network::example("compose-combined")?;
    let params = Params::example("compose-combined")?;
    let domain = (rational("-1")?, rational("2")?);
    let regions = network.regions(&params, Some(domain))?;
    println!("{} linear regions on [-1, 2]", regions.regions);
    for piece in &regions.pieces {
        let end =
            |e: &Option<netform::Rational>| e.as_ref().map_or("∞".to_string(), |v| v.to_string());
        println!(
            "  {} < x < {}: y' = {} x + {}",
            end(&piece.from),
            end(&piece.to),
            piece.slope[0],
            piece.intercept[0]
        );
    }
    Ok(())
}
