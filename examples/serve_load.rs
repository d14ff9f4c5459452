//! The load on `igp serve` that bench/serve-load.sh measures: CLIENTS concurrent clients
//! send REQUESTS uploads in all, each of 1 to 20 plans from fixtures/, to a server on
//! loopback, and print requests/s, latency percentiles, errors, and the server's memory
//! (from /proc/PID/status) as the requests go, to show it bounded.
//!
//! `cargo run --release --example serve_load -- http://127.0.0.1:PORT SERVER_PID [REQUESTS] [CLIENTS]`
//!
//! With `hostile DIR` in place of REQUESTS and CLIENTS: eight clients upload the files of
//! DIR (files made to hurt, from examples/hostile_files.rs) over and over for 30 seconds,
//! while a ninth uploads a real plan every second; it prints the server's peak memory, each
//! real plan's answer time (every one must be answered, under 2 s), and the server's
//! memory at rest before and after.

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
    if args.get(3).map(String::as_str) == Some("hostile") {
        let dir = PathBuf::from(args.get(4).expect("the folder of hostile files"));
        return hostile(&base, pid, &dir).await;
    }
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

/// One upload of one file; its status and how long the answer took.
async fn upload(
    client: &reqwest::Client,
    base: &str,
    name: &str,
    bytes: &[u8],
) -> (Option<reqwest::StatusCode>, Duration) {
    let part = reqwest::multipart::Part::bytes(bytes.to_vec()).file_name(name.to_string());
    let form = reqwest::multipart::Form::new().part("files", part);
    let t = Instant::now();
    let status = match client
        .post(format!("{base}/check"))
        .multipart(form)
        .send()
        .await
    {
        Ok(r) => {
            let status = r.status();
            r.bytes().await.ok().map(|_| status)
        }
        Err(_) => None,
    };
    (status, t.elapsed())
}

/// Eight clients upload files made to hurt for 30 s; a ninth a real plan every second.
async fn hostile(base: &str, pid: u32, dir: &std::path::Path) {
    const SECONDS: u64 = 30;
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e != "tsv"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).unwrap())
        })
        .collect();
    files.sort();
    let files = Arc::new(files);
    let plan = std::fs::read(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/team/alex-chen.xlsx"),
    )
    .unwrap();
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(60))
        .build()
        .unwrap();
    tokio::time::sleep(Duration::from_secs(1)).await;
    let (idle, _) = memory(pid);
    println!(
        "{} hostile files, {} MB in all; server at rest: {} MB resident",
        files.len(),
        files.iter().map(|(_, b)| b.len()).sum::<usize>() / (1024 * 1024),
        idle / 1024
    );
    let end = Instant::now() + Duration::from_secs(SECONDS);
    let uploads = Arc::new(AtomicUsize::new(0));
    let mut tasks = Vec::new();
    for c in 0..8usize {
        let (files, client, base, uploads) = (
            Arc::clone(&files),
            client.clone(),
            base.to_string(),
            Arc::clone(&uploads),
        );
        tasks.push(tokio::spawn(async move {
            let mut i = c;
            let mut statuses: Vec<String> = Vec::new();
            while Instant::now() < end {
                let (name, bytes) = &files[i % files.len()];
                let (status, _) = upload(&client, &base, name, bytes).await;
                statuses.push(status.map_or("no answer".into(), |s| s.as_u16().to_string()));
                uploads.fetch_add(1, Ordering::Relaxed);
                i += 8;
            }
            statuses
        }));
    }
    let mut plan_times = Vec::new();
    let mut plan_failures = 0;
    let mut peak_seen = 0;
    while Instant::now() < end {
        let tick = Instant::now();
        let (status, took) = upload(&client, base, "alex-chen.xlsx", &plan).await;
        if status != Some(reqwest::StatusCode::OK) || took > Duration::from_secs(2) {
            plan_failures += 1;
        }
        plan_times.push(took);
        peak_seen = peak_seen.max(memory(pid).0);
        tokio::time::sleep(Duration::from_secs(1).saturating_sub(tick.elapsed())).await;
    }
    let mut statuses = std::collections::BTreeMap::<String, usize>::new();
    for t in tasks {
        for s in t.await.unwrap() {
            *statuses.entry(s).or_default() += 1;
        }
    }
    tokio::time::sleep(Duration::from_secs(3)).await;
    let (after, hwm) = memory(pid);
    plan_times.sort();
    println!(
        "{} hostile uploads in {SECONDS} s (answers: {statuses:?})",
        uploads.load(Ordering::Relaxed)
    );
    println!(
        "real plan: {} uploads, {} not answered 200 within 2 s; answer time median {} ms, max {} ms",
        plan_times.len(),
        plan_failures,
        plan_times[plan_times.len() / 2].as_millis(),
        plan_times.last().unwrap().as_millis()
    );
    println!(
        "server memory: at rest before {} MB, peak {} MB (VmHWM), at rest after {} MB ({:+.0}%)",
        idle / 1024,
        hwm / 1024,
        after / 1024,
        (after as f64 / idle.max(1) as f64 - 1.0) * 100.0
    );
}
