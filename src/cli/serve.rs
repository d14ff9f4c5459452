//! `igp serve`: the web application, on this machine.

use super::{Exit, Verbosity};
use anyhow::Context;
use std::net::{IpAddr, SocketAddr};

/// Serve a web page to check plans: drop a plan or a folder of plans, see the findings,
/// download the plan normalized or annotated, and the template.
///
/// Files are checked in memory and dropped when the answer is sent; nothing is written to
/// disk and nothing is sent anywhere else. The server listens on 127.0.0.1 (this machine
/// only) unless --host says otherwise. The configuration (igp.toml, given or found as
/// `igp check` finds it) sets the severities for everyone who uses the server. Each request
/// is logged on standard error as one line (method, route, status, time; never a file
/// name), unless -q.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  igp serve                          # http://127.0.0.1:8480/
  igp serve --open                   # and open it in the browser
  igp serve --port 9000 --config team/igp.toml
  igp serve --host 0.0.0.0           # for everyone who can reach this machine's port")]
pub struct Args {
    /// The port to listen on (0 for any free port).
    #[arg(long, default_value_t = 8480)]
    pub port: u16,
    /// The address to listen on. Anything but a loopback address lets everyone who can
    /// reach the port use the server.
    #[arg(long, default_value = "127.0.0.1")]
    pub host: IpAddr,
    /// Open the page in the browser once the server listens.
    #[arg(long)]
    pub open: bool,
    /// The configuration file [default: igp.toml in this folder or above].
    #[arg(long, value_name = "FILE")]
    pub config: Option<std::path::PathBuf>,
    /// The as-of date the page starts with (YYYY-MM-DD) [default: the day of each check].
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
}

pub fn run(args: Args, verbosity: Verbosity) -> anyhow::Result<Exit> {
    let cwd = std::env::current_dir().context("cannot read the current folder")?;
    let (settings, config_path) = super::settings(
        args.config.as_deref(),
        args.as_of.as_deref(),
        &cwd,
        verbosity,
    )?;
    let today = chrono::Local::now().date_naive();
    // A date from --as-of or the configuration holds for every check; else each check is
    // as of its day.
    let fixed_as_of = (args.as_of.is_some() || settings.as_of != today).then_some(settings.as_of);
    let mut config = igp::serve::Config::new(SocketAddr::new(args.host, args.port));
    config.settings = settings;
    let shown = config_path.as_ref().map(|p| p.display().to_string());
    config.config_path = config_path;
    config.fixed_as_of = fixed_as_of;
    config.log = verbosity >= Verbosity::Normal;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .worker_threads(2)
        .max_blocking_threads(config.limits.workers.max(1) + 4)
        .build()
        .context("cannot start the server's threads")?;
    runtime.block_on(async move {
        let (addr, serve) = igp::serve::bind(config).await.map_err(|e| {
            let at = SocketAddr::new(args.host, args.port);
            match e.kind() {
                std::io::ErrorKind::AddrInUse => anyhow::anyhow!(
                    "cannot listen on {at}: the port is in use (another igp serve?); stop that, or choose another port with --port (--port 0 takes any free one)"
                ),
                std::io::ErrorKind::AddrNotAvailable => anyhow::anyhow!(
                    "cannot listen on {at}: no network interface of this machine has that address; leave --host out for this machine only"
                ),
                _ => anyhow::anyhow!("cannot listen on {at}: {}", igp::error::io_reason(&e)),
            }
        })?;
        let url = address_to_open(addr);
        if addr.ip().is_unspecified() {
            // 0.0.0.0 or :: is no address to open: name one that is.
            eprintln!(
                "igp serve: listening on all interfaces, port {}: open {url} on this machine, or this machine's name or address from another (Ctrl-C to stop)",
                addr.port()
            );
        } else {
            eprintln!("igp serve: listening on {url} (Ctrl-C to stop)");
        }
        if !args.host.is_loopback() {
            eprintln!(
                "warning: listening on {}: everyone who can reach this port can use the server and check plans with it",
                args.host
            );
        }
        match &shown {
            Some(path) => eprintln!("igp serve: configuration {path}"),
            None => eprintln!("igp serve: igp's default settings (no igp.toml)"),
        }
        if args.open {
            open(&url);
        }
        tokio::select! {
            served = serve => served.context("the server stopped"),
            _ = tokio::signal::ctrl_c() => {
                eprintln!("igp serve: stopped");
                Ok(())
            }
        }
    })?;
    Ok(Exit::Clean)
}

/// The address to open for a server listening on `addr`: a loopback address for one that
/// listens on every interface (0.0.0.0, ::), which no browser can open.
fn address_to_open(addr: SocketAddr) -> String {
    match addr.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => format!("http://127.0.0.1:{}/", addr.port()),
        IpAddr::V6(ip) if ip.is_unspecified() => format!("http://[::1]:{}/", addr.port()),
        _ => format!("http://{addr}/"),
    }
}

/// Opens the page in the browser, best effort: a failure is a note, not an error.
fn open(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    match std::process::Command::new(opener)
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
    {
        Ok(_) => {}
        Err(e) => eprintln!("note: could not open a browser ({opener}: {e}); open {url} yourself"),
    }
}
