//! Reads a network and its parameters, evaluates it exactly and in f64, and
//! counts its parameters: `cargo run --example evaluate`.

use netform::{Network, Params};

fn main() -> Result<(), netform::Error> {
    let network = Network::parse(
        r"h_1 = a[\theta_{10} + \theta_{11}x]
          h_2 = a[\theta_{20} + \theta_{21}x]
          y = \phi_0 + \phi_1h_1 + \phi_2h_2",
    )?;
    let params = Params::parse(
        "theta_10 = -1/2; theta_11 = 1; theta_20 = 1/3; theta_21 = -1; phi_0 = 0.1; phi_1 = 2; phi_2 = 3",
    )?;
    for at in ["x = -1", "x = 0", "x = 1/2", "x = 1"] {
        let exact = network.eval_exact(&params, &network.point(at)?)?;
        println!("{at}: y = {} (exact)", exact[0]);
    }
    let approximate = network.eval_f64(&params, &[0.75])?;
    println!("x = 0.75: y ≈ {} (f64)", approximate[0]);
    println!("{}", network.count());
    // A bad value is an error located in the parameter text.
    if let Err(error) = Params::parse("theta_10 = 1/0") {
        print!("{}", error.named("params.txt"));
    }
    Ok(())
}
