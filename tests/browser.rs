//! `igp serve` in a real browser: Debian's chromium, headless, driven through
//! chromedriver (fantoccini). Drop a plan through the file control and see its findings
//! and cells; download the annotated workbook and read it back; check the team's plans and
//! sort the table; the page with JavaScript off; the 390 px layout.
//!
//! Skipped with a note when /usr/bin/chromedriver is missing, except in CI (`CI=true`),
//! where a missing browser fails the test: `.ci/run` installs chromium and
//! chromium-driver.
#![cfg(feature = "serve")]

use fantoccini::{Client, ClientBuilder, Locator};
use igp::read::{read_plan_bytes, ReadOptions};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CHROMIUM: &str = "/usr/bin/chromium";

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(rel)
}

/// chromedriver, stopped when dropped.
struct Driver {
    child: Child,
    port: u16,
    _profiles: tempfile::TempDir,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Starts chromedriver, or says why not (and fails in CI).
fn driver() -> Option<Driver> {
    if !Path::new(CHROMEDRIVER).exists() || !Path::new(CHROMIUM).exists() {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("{CHROMEDRIVER} or {CHROMIUM} is missing: .ci/run installs chromium and chromium-driver");
        }
        eprintln!("note: skipped: {CHROMEDRIVER} or {CHROMIUM} is missing (apt-get install chromium chromium-driver)");
        return None;
    }
    let port = free_port();
    let child = Command::new(CHROMEDRIVER)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "chromedriver does not listen"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    Some(Driver {
        child,
        port,
        _profiles: tempfile::tempdir().unwrap(),
    })
}

/// A fresh headless Chromium session; `script` false turns JavaScript off.
async fn session(driver: &Driver, script: bool, width: u32) -> Client {
    let profile = driver._profiles.path().join(format!("p{}", free_port()));
    let mut args = vec![
        "--headless".to_string(),
        "--no-sandbox".to_string(),
        "--disable-gpu".to_string(),
        "--disable-quic".to_string(),
        "--no-first-run".to_string(),
        "--disable-background-networking".to_string(),
        "--disable-component-update".to_string(),
        "--disable-sync".to_string(),
        "--disable-dev-shm-usage".to_string(),
        format!("--user-data-dir={}", profile.display()),
        format!("--window-size={width},1000"),
    ];
    if !script {
        args.push("--blink-settings=scriptEnabled=false".to_string());
    }
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".to_string(),
        serde_json::json!({ "binary": CHROMIUM, "args": args }),
    );
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    ClientBuilder::new(connector)
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{}", driver.port))
        .await
        .expect("a chromium session")
}

/// Waits for an element (the answer comes without a page load when JavaScript runs).
async fn wait_for(c: &Client, css: &str) -> fantoccini::elements::Element {
    let started = Instant::now();
    loop {
        if let Ok(e) = c.find(Locator::Css(css)).await {
            return e;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "{css} never appeared in {}",
            c.source().await.unwrap_or_default()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn start_server() -> String {
    let mut config = igp::serve::Config::new("127.0.0.1:0".parse().unwrap());
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
    config.settings.as_of = as_of;
    config.fixed_as_of = Some(as_of);
    let (addr, serve) = igp::serve::bind(config).await.unwrap();
    tokio::spawn(serve);
    format!("http://{addr}")
}

async fn upload(c: &Client, base: &str, files: &[PathBuf]) {
    c.goto(&format!("{base}/")).await.unwrap();
    let input = c.find(Locator::Id("files")).await.unwrap();
    let paths: Vec<String> = files.iter().map(|p| p.display().to_string()).collect();
    input.send_keys(&paths.join("\n")).await.unwrap();
    c.find(Locator::Css("#upload button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
}

/// Whether the page is wider than the window (a horizontal scroll bar).
async fn overflows(c: &Client) -> (i64, i64) {
    let v = c
        .execute(
            "return [document.documentElement.scrollWidth, window.innerWidth];",
            vec![],
        )
        .await
        .unwrap();
    (v[0].as_i64().unwrap(), v[1].as_i64().unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_pages_work_in_a_real_browser() {
    let Some(driver) = driver() else { return };
    let base = start_server().await;

    // One plan, through the file control; the answer replaces the page (JavaScript on).
    let c = session(&driver, true, 1200).await;
    upload(&c, &base, &[fixture("plans/zoe-openpyxl.xlsx")]).await;
    let verdict = wait_for(&c, "main .verdict").await;
    assert!(verdict.text().await.unwrap().starts_with("Warnings"));
    let source = c.source().await.unwrap();
    assert!(source.contains("G003 missing-detail"));
    assert!(source.contains("'Individual Growth Plan'!E29"));
    let marked = c
        .find_all(Locator::Css(".plan-layout .flag"))
        .await
        .unwrap();
    assert!(!marked.is_empty(), "no marked cell");
    assert_eq!(
        c.execute(
            "return document.documentElement.classList.contains('js');",
            vec![]
        )
        .await
        .unwrap(),
        serde_json::Value::Bool(true)
    );

    // A finding's cell links to the cell, marked, in the plan.
    let cell_link = c
        .find(Locator::Css("a.cell-link[href='#cell-goal-3-network']"))
        .await
        .unwrap();
    cell_link.click().await.unwrap();
    let target = c.find(Locator::Css("#cell-goal-3-network")).await.unwrap();
    assert!(target
        .attr("class")
        .await
        .unwrap()
        .unwrap()
        .contains("flag-warning"));

    // The annotated workbook, from the page's link, reads back as the same plan.
    let link = c
        .find(Locator::Css("a[href$='/annotated.xlsx']"))
        .await
        .unwrap()
        .attr("href")
        .await
        .unwrap()
        .unwrap();
    // Fetched by the page itself (same origin, as the link's download does), handed over
    // as base64.
    let encoded = c
        .execute_async(
            "const done = arguments[arguments.length - 1];
             fetch(arguments[0]).then(r => r.arrayBuffer()).then(buf => {
               const bytes = new Uint8Array(buf);
               let s = '';
               for (let i = 0; i < bytes.length; i++) { s += String.fromCharCode(bytes[i]); }
               done(btoa(s));
             }, e => done('error: ' + e));",
            vec![serde_json::json!(link)],
        )
        .await
        .unwrap();
    let bytes = base64_decode(encoded.as_str().unwrap());
    let back = read_plan_bytes(Path::new("a.xlsx"), &bytes, &ReadOptions::default()).unwrap();
    let original = std::fs::read(fixture("plans/zoe-openpyxl.xlsx")).unwrap();
    let original =
        read_plan_bytes(Path::new("o.xlsx"), &original, &ReadOptions::default()).unwrap();
    assert_eq!(back.plan.content(), original.plan.content());

    // A file dropped on the drop zone (a drop event carrying the file, as a drag from the
    // desktop gives) is uploaded and its answer shown.
    c.goto(&format!("{base}/")).await.unwrap();
    c.execute("window.igpNoReload = true;", vec![])
        .await
        .unwrap();
    let csv = std::fs::read_to_string(fixture("rules/G001-missing-skill.csv")).unwrap();
    c.execute(
        "const dt = new DataTransfer();
         dt.items.add(new File([arguments[1]], arguments[0], {type: 'text/csv'}));
         const zone = document.getElementById('drop');
         zone.dispatchEvent(new DragEvent('dragover', {dataTransfer: dt, bubbles: true, cancelable: true}));
         zone.dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));",
        vec![
            serde_json::json!("G001-missing-skill.csv"),
            serde_json::json!(csv),
        ],
    )
    .await
    .unwrap();
    wait_for(&c, "main .verdict").await;
    assert!(c.source().await.unwrap().contains("G001 missing-skill"));
    // No page load: the answer replaced the page's main part, and the address is the
    // result's, which shows it again on a reload.
    assert_eq!(
        c.execute("return window.igpNoReload === true;", vec![])
            .await
            .unwrap(),
        serde_json::Value::Bool(true)
    );
    let url = c.current_url().await.unwrap();
    assert!(
        url.path().starts_with("/r/") && url.path().ends_with("/0"),
        "{url}"
    );
    c.refresh().await.unwrap();
    wait_for(&c, "main .verdict").await;
    assert!(c.source().await.unwrap().contains("G001 missing-skill"));
    c.back().await.unwrap();
    wait_for(&c, "#upload").await;

    // The team's plans together: the table, sorted by a click on a header.
    let mut team: Vec<PathBuf> = std::fs::read_dir(fixture("team"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    team.sort();
    // Chosen as a folder (the folder control; chromedriver sends the folder's files).
    c.goto(&format!("{base}/")).await.unwrap();
    let folder = c.find(Locator::Id("folder")).await.unwrap();
    folder
        .send_keys(&fixture("team").display().to_string())
        .await
        .unwrap();
    c.find(Locator::Css("#upload button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for(&c, "table.team").await;
    let rows = c
        .find_all(Locator::Css("table.team tbody tr"))
        .await
        .unwrap();
    assert_eq!(rows.len(), team.len());
    assert!(c.source().await.unwrap().contains("team/alex-chen.xlsx"));
    // And as files.
    upload(&c, &base, &team).await;
    wait_for(&c, "table.team").await;
    let rows = c
        .find_all(Locator::Css("table.team tbody tr"))
        .await
        .unwrap();
    assert_eq!(rows.len(), team.len());
    let owner_header = wait_for(&c, "table.team thead th:nth-child(2) button").await;
    owner_header.click().await.unwrap();
    let owners = c
        .execute(
            "return Array.from(document.querySelectorAll('table.team tbody tr td:nth-child(2)')).map(td => td.getAttribute('data-sort'));",
            vec![],
        )
        .await
        .unwrap();
    let owners: Vec<String> = owners
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    let mut sorted = owners.clone();
    sorted.sort_by_key(|a| a.to_lowercase());
    assert_eq!(owners, sorted, "sorted by owner");
    let th = c
        .find(Locator::Css("table.team thead th:nth-child(2)"))
        .await
        .unwrap();
    assert_eq!(
        th.attr("aria-sort").await.unwrap().as_deref(),
        Some("ascending")
    );
    // A row opens its plan's page.
    let first = c
        .find(Locator::Css("table.team tbody tr td a"))
        .await
        .unwrap();
    first.click().await.unwrap();
    wait_for(&c, "main .verdict").await;
    assert!(c.source().await.unwrap().contains("Back to the team table"));

    // 390 px wide: no horizontal scrolling, on the plan page and the team page.
    c.set_window_size(390, 844).await.unwrap();
    upload(&c, &base, &[fixture("plans/zoe-openpyxl.xlsx")]).await;
    wait_for(&c, "main .verdict").await;
    let (scroll, inner) = overflows(&c).await;
    assert!(inner <= 390, "window {inner}");
    assert!(
        scroll <= inner,
        "the plan page is {scroll} px wide in {inner}"
    );
    upload(&c, &base, &team).await;
    wait_for(&c, "table.team").await;
    let (scroll, inner) = overflows(&c).await;
    assert!(
        scroll <= inner,
        "the team page is {scroll} px wide in {inner}"
    );
    c.goto(&format!("{base}/")).await.unwrap();
    let (scroll, inner) = overflows(&c).await;
    assert!(
        scroll <= inner,
        "the upload page is {scroll} px wide in {inner}"
    );
    c.close().await.unwrap();

    // JavaScript off: the plain form posts and the answer is a page.
    let c = session(&driver, false, 1200).await;
    upload(&c, &base, &[fixture("plans/zoe-openpyxl.xlsx")]).await;
    let verdict = wait_for(&c, "main .verdict").await;
    assert!(verdict.text().await.unwrap().starts_with("Warnings"));
    assert!(c.current_url().await.unwrap().path().ends_with("/check"));
    assert!(c.source().await.unwrap().contains("G003 missing-detail"));
    // The team's plans too: the table comes worst first, with no sort buttons.
    upload(&c, &base, &team).await;
    wait_for(&c, "table.team").await;
    let rows = c
        .find_all(Locator::Css("table.team tbody tr"))
        .await
        .unwrap();
    assert_eq!(rows.len(), team.len());
    let buttons = c
        .find_all(Locator::Css("table.team th button"))
        .await
        .unwrap();
    assert!(buttons.is_empty(), "no script, no sort buttons");
    let first_status = c
        .find(Locator::Css("table.team tbody tr td span.status"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(first_status.to_lowercase(), "error");
    // Sorted by the server: a header is a link.
    c.find(Locator::Css("table.team thead th:nth-child(2) a"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for(&c, "table.team thead th:nth-child(2)[aria-sort=ascending]").await;
    let url = c.current_url().await.unwrap();
    assert_eq!(url.query(), Some("sort=owner&dir=asc"), "{url}");
    c.close().await.unwrap();
}

/// Standard base64 (what `btoa` writes) to bytes.
fn base64_decode(text: &str) -> Vec<u8> {
    assert!(!text.starts_with("error"), "{text}");
    let value = |c: u8| -> u32 {
        match c {
            b'A'..=b'Z' => u32::from(c - b'A'),
            b'a'..=b'z' => u32::from(c - b'a') + 26,
            b'0'..=b'9' => u32::from(c - b'0') + 52,
            b'+' => 62,
            b'/' => 63,
            _ => panic!("not base64: {c}"),
        }
    };
    let mut out = Vec::new();
    for chunk in text.as_bytes().chunks(4) {
        let data: Vec<u8> = chunk.iter().copied().filter(|&c| c != b'=').collect();
        let mut n = 0u32;
        for (i, &c) in data.iter().enumerate() {
            n |= value(c) << (18 - 6 * i);
        }
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..data.len().saturating_sub(1)]);
    }
    out
}
