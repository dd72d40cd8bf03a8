//! The `sitelint` binary: parse arguments, run, map the outcome to an exit status.

// mimalloc instead of the system allocator: parsing allocates many short-lived strings per
// element, and glibc malloc cost about a quarter of all time on large sites (issue 7).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = sitelint::cli::Cli::parse();
    match sitelint::run(cli) {
        Ok(sitelint::Exit::Clean) => ExitCode::SUCCESS,
        Ok(sitelint::Exit::Findings) => ExitCode::from(1),
        // A closed stdout pipe (`sitelint check | head`) is not a failure.
        Err(sitelint::error::Error::Output(error))
            if error.kind() == std::io::ErrorKind::BrokenPipe =>
        {
            ExitCode::SUCCESS
        }
        Err(error) => {
            let report = miette::Report::new(error);
            // Printing the error is main's one job besides the exit code.
            #[allow(clippy::print_stderr)]
            {
                eprintln!("{report:?}");
            }
            ExitCode::from(2)
        }
    }
}
