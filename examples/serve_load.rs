//! The load on `igp serve` that bench/serve-load.sh measures: CLIENTS concurrent clients
//! send REQUESTS uploads in all, each of 1 to 20 plans from fixtures/, to a server on
//! loopback, and print requests/s, latency percentiles, errors, and the server's memory
//! (from /proc/PID/status) as the requests go, to show it bounded.
//!
//! `cargo run --release --example serve_load -- http://127.0.0.1:PORT SERVER_PID [REQUESTS] [CLIENTS]`

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

fn plans() -> Vec<(String, Vec<u8>)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut out = Vec::new();
    for dir in ["plans", "team", "rules", "tabs"] {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_file())
            .collect();
        entries.sort();
        for p in entries {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            out.push((name, std::fs::read(&p).unwrap()));
        }
    }
    out
}

/// The server's memory in kB: (resident now, peak resident).
fn memory(pid: u32) -> (u64, u64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|n| n.parse().ok())
            .unwrap_or(0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let base = args.get(1).expect("the server's address").clone();
    assert!(
        base.starts_with("http://127.0.0.1:"),
        "loopback only: {base}"
    );
    let pid: u32 = args.get(2).expect("the server's pid").parse().unwrap();
    let requests: usize = args.get(3).map_or(1000, |n| n.parse().unwrap());
    let clients: usize = args.get(4).map_or(8, |n| n.parse().unwrap());
    let plans = Arc::new(plans());
    let next = Arc::new(AtomicUsize::new(0));
    let errors = Arc::new(AtomicUsize::new(0));
    let plans_sent = Arc::new(AtomicUsize::new(0));
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(60))
        .build()
        .unwrap();
    let (rss0, _) = memory(pid);
    println!("server memory before: {} MB resident", rss0 / 1024);
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..clients {
        let (plans, next, errors, plans_sent, client, base) = (
            Arc::clone(&plans),
            Arc::clone(&next),
            Arc::clone(&errors),
            Arc::clone(&plans_sent),
            client.clone(),
            base.clone(),
        );
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= requests {
                    break;
                }
                // 1 to 20 plans, a deterministic spread.
                let n = 1 + (i * 7919) % 20;
                let mut form = reqwest::multipart::Form::new().text("as", "many");
                for k in 0..n {
                    let (name, bytes) = &plans[(i * 31 + k * 17) % plans.len()];
                    let part = reqwest::multipart::Part::bytes(bytes.clone())
                        .file_name(format!("{k}-{name}"));
                    form = form.part("files", part);
                }
                plans_sent.fetch_add(n, Ordering::Relaxed);
                let t = Instant::now();
                let ok = match client
                    .post(format!("{base}/check"))
                    .multipart(form)
                    .send()
                    .await
                {
                    Ok(r) => r.status() == reqwest::StatusCode::OK && r.bytes().await.is_ok(),
                    Err(_) => false,
                };
                latencies.push(t.elapsed());
                if !ok {
                    errors.fetch_add(1, Ordering::Relaxed);
                }
                if (i + 1) % 250 == 0 {
                    let (rss, hwm) = memory(pid);
                    println!(
                        "after {:>4} requests: server {} MB resident, peak {} MB",
                        i + 1,
                        rss / 1024,
                        hwm / 1024
                    );
                }
            }
            latencies
        }));
    }
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.unwrap());
    }
    let elapsed = started.elapsed();
    all.sort();
    let pct = |p: f64| {
        all[((all.len() as f64 * p).ceil() as usize)
            .saturating_sub(1)
            .min(all.len() - 1)]
    };
    let (rss, hwm) = memory(pid);
    println!(
        "{} requests ({} plans) from {clients} clients in {:.1} s: {:.1} requests/s, {:.1} plans/s",
        all.len(),
        plans_sent.load(Ordering::Relaxed),
        elapsed.as_secs_f64(),
        all.len() as f64 / elapsed.as_secs_f64(),
        plans_sent.load(Ordering::Relaxed) as f64 / elapsed.as_secs_f64()
    );
    println!(
        "latency: p50 {} ms, p95 {} ms, p99 {} ms, max {} ms",
        pct(0.50).as_millis(),
        pct(0.95).as_millis(),
        pct(0.99).as_millis(),
        all.last().unwrap().as_millis()
    );
    println!("errors: {}", errors.load(Ordering::Relaxed));
    println!(
        "server memory after: {} MB resident, peak {} MB (VmHWM)",
        rss / 1024,
        hwm / 1024
    );
}
