//! `igp serve` over real HTTP: the server runs in the test's runtime on 127.0.0.1:0 and
//! real multipart requests go to it. Every page, every download, every limit and the
//! hostile inputs of issue #13.
#![cfg(feature = "serve")]

#[path = "common/lock.rs"]
mod lock;
use igp::read::{read_plan_bytes, ReadOptions};
use igp::serve::{Config, Limits};
use lock::excel_lock;
use reqwest::multipart::{Form, Part};
use reqwest::StatusCode;
use std::path::{Path, PathBuf};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(rel)
}

fn as_of() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap()
}

/// Starts a server with these limits; its base address.
async fn start_with(limits: Limits) -> String {
    let mut config = Config::new("127.0.0.1:0".parse().unwrap());
    config.settings.as_of = as_of();
    config.fixed_as_of = Some(as_of());
    config.limits = limits;
    let (addr, serve) = igp::serve::bind(config).await.unwrap();
    tokio::spawn(serve);
    format!("http://{addr}")
}

async fn start() -> String {
    start_with(Limits::default()).await
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap()
}

fn part(name: &str, bytes: Vec<u8>) -> Part {
    Part::bytes(bytes).file_name(name.to_string())
}

fn file_part(rel: &str) -> Part {
    let path = fixture(rel);
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    part(&name, std::fs::read(path).unwrap())
}

async fn post(base: &str, form: Form) -> (StatusCode, reqwest::header::HeaderMap, String) {
    let r = client()
        .post(format!("{base}/check"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    let status = r.status();
    let headers = r.headers().clone();
    (status, headers, r.text().await.unwrap())
}

async fn get(base: &str, path: &str) -> (StatusCode, reqwest::header::HeaderMap, Vec<u8>) {
    let r = client().get(format!("{base}{path}")).send().await.unwrap();
    let status = r.status();
    let headers = r.headers().clone();
    (status, headers, r.bytes().await.unwrap().to_vec())
}

/// The addresses of a page's links that start with `prefix`.
fn links(page: &str, prefix: &str) -> Vec<String> {
    page.split(" href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .filter(|h| h.starts_with(prefix))
        .map(str::to_string)
        .collect()
}

fn assert_security_headers(h: &reqwest::header::HeaderMap, what: &str) {
    let csp = h
        .get("content-security-policy")
        .unwrap_or_else(|| panic!("{what}: no CSP"))
        .to_str()
        .unwrap();
    assert!(csp.contains("default-src 'none'"), "{what}: {csp}");
    assert!(csp.contains("script-src 'self'"), "{what}: {csp}");
    assert!(csp.contains("frame-ancestors 'none'"), "{what}: {csp}");
    assert!(!csp.contains("unsafe-inline"), "{what}: {csp}");
    assert_eq!(h["x-content-type-options"], "nosniff", "{what}");
    assert_eq!(h["x-frame-options"], "DENY", "{what}");
    assert_eq!(h["referrer-policy"], "no-referrer", "{what}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_plan_shows_its_verdict_findings_by_goal_with_cells_and_the_plan_marked() {
    let base = start().await;
    let form = Form::new().part("files", file_part("plans/zoe-openpyxl.xlsx"));
    let (status, headers, page) = post(&base, form).await;
    assert_eq!(status, StatusCode::OK);
    assert_security_headers(&headers, "POST /check");
    assert_eq!(headers["cache-control"], "no-store");
    // The verdict, the owner, the findings grouped by goal with their cells.
    assert!(page.contains("verdict-warning"), "{page}");
    assert!(page.contains("<h1>Zoë Álvarez</h1>"));
    assert!(
        page.contains("<h3>Goal 3 &quot;Kubernetes&quot;</h3>"),
        "{page}"
    );
    assert!(page.contains("'Individual Growth Plan'!E29"), "{page}");
    assert!(page.contains("G003 missing-detail"));
    // Each finding links to its rule's docs, and carries them.
    assert!(page.contains("href=\"/rules#G003\""));
    assert!(page.contains("What it means and what to write instead"));
    // The plan itself, its flagged cell marked.
    assert!(page.contains("Section 3: Set Specific Goals"));
    assert!(
        page.contains("class=\"flag flag-warning\" title=\"G003\""),
        "{page}"
    );
    // The rules page has the anchor.
    let (status, _, rules) = get(&base, "/rules").await;
    assert_eq!(status, StatusCode::OK);
    let rules = String::from_utf8(rules).unwrap();
    for r in igp::rules::RULES {
        assert!(
            rules.contains(&format!("id=\"{}\"", r.code.code)),
            "{}",
            r.code.code
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_tabs_of_one_plan_dropped_together_are_one_plan() {
    let base = start().await;
    let mut form = Form::new();
    for tab in [
        "tabs/zoe-reflection.csv",
        "tabs/zoe-goals.csv",
        "tabs/zoe-tracking.csv",
    ] {
        form = form.part("files", file_part(tab));
    }
    let (status, _, page) = post(&base, form).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("<h1>Zoë Álvarez</h1>"), "{page}");
    assert!(!page.contains("table class=\"team\""));
    assert!(page.contains("zoe-reflection.csv + zoe-goals.csv + zoe-tracking.csv"));
    assert!(page.contains("Section 4: Track, Reflect, and Iterate"));
}

/// The status words of the team table's rows, in order.
fn statuses(page: &str) -> Vec<String> {
    page.split("<span class=\"status status-")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .map(str::to_string)
        .collect()
}

fn rank(s: &str) -> u8 {
    match s {
        "error" => 3,
        "warning" => 2,
        "info" => 1,
        _ => 0,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_team_gives_the_table_worst_first_with_each_plan_a_page_and_the_batch_downloads() {
    let base = start().await;
    let mut form = Form::new();
    let mut names: Vec<String> = std::fs::read_dir(fixture("team"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    for n in &names {
        form = form.part("files", file_part(&format!("team/{n}")));
    }
    let (status, _, page) = post(&base, form).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("table class=\"team\""), "{page}");
    let st = statuses(&page);
    assert_eq!(st.len(), names.len(), "{st:?}");
    assert!(
        st.windows(2).all(|w| rank(&w[0]) >= rank(&w[1])),
        "not worst first: {st:?}"
    );
    assert!(st.iter().any(|s| s == "error"), "{st:?}");
    // The chart of findings per rule.
    assert!(page.contains("table class=\"chart\""));
    // Each row opens its plan's page.
    let plans: Vec<String> = links(&page, "/r/")
        .into_iter()
        .filter(|l| l.rsplit('/').next().unwrap().parse::<usize>().is_ok())
        .collect();
    assert_eq!(plans.len(), names.len(), "{plans:?}");
    let (status, _, one) = get(&base, &plans[0]).await;
    assert_eq!(status, StatusCode::OK);
    let one = String::from_utf8(one).unwrap();
    assert!(one.contains("Back to the team table"));
    assert!(one.contains("verdict"));
    // The table sorted by the server (without script): by owner, then by warnings.
    let key = plans[0].split('/').nth(2).unwrap().to_string();
    let (status, _, sorted) = get(&base, &format!("/r/{key}?sort=owner&dir=asc")).await;
    assert_eq!(status, StatusCode::OK);
    let sorted = String::from_utf8(sorted).unwrap();
    let owners: Vec<String> = sorted
        .split("<td data-label=\"Owner\" data-sort=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap().to_lowercase())
        .collect();
    let mut expected = owners.clone();
    expected.sort();
    assert_eq!(owners, expected);
    assert!(sorted.contains("aria-sort=\"ascending\""));
    assert!(sorted.contains(&format!("href=\"/r/{key}?sort=owner&amp;dir=desc#plans\"")));
    let (_, _, by_warnings) = get(&base, &format!("/r/{key}?sort=warnings&dir=desc")).await;
    let by_warnings = String::from_utf8(by_warnings).unwrap();
    let warnings: Vec<u64> = by_warnings
        .split("<td class=\"num\" data-label=\"Warnings\" data-sort=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap().parse().unwrap())
        .collect();
    assert_eq!(warnings.len(), names.len());
    assert!(warnings.windows(2).all(|w| w[0] >= w[1]), "{warnings:?}");
    // The batch's downloads.
    let (status, h, json) = get(&base, &format!("/r/{key}/report.json")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(h["content-type"], "application/json");
    let report: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert!(report.to_string().contains("alex-chen.xlsx"));
    let (status, _, csv) = get(&base, &format!("/r/{key}/report.csv")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(String::from_utf8(csv)
        .unwrap()
        .starts_with("path,owner,severity"));
    let (status, h, summary) = get(&base, &format!("/r/{key}/summary.xlsx")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(h["content-disposition"]
        .to_str()
        .unwrap()
        .contains("igp-summary.xlsx"));
    assert!(summary.starts_with(b"PK"));
    let (status, _, zip) = get(&base, &format!("/r/{key}/plans.zip")).await;
    assert_eq!(status, StatusCode::OK);
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).unwrap();
    assert!(archive.len() >= names.len() - 1, "{}", archive.len());
    let mut first = Vec::new();
    std::io::Read::read_to_end(&mut archive.by_index(0).unwrap(), &mut first).unwrap();
    let reading = read_plan_bytes(Path::new("a.xlsx"), &first, &ReadOptions::default()).unwrap();
    assert!(!reading.sections.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_download_of_a_plan_reads_back_as_the_same_plan() {
    let base = start().await;
    let bytes = std::fs::read(fixture("plans/zoe-openpyxl.xlsx")).unwrap();
    let original = read_plan_bytes(Path::new("zoe.xlsx"), &bytes, &ReadOptions::default())
        .unwrap()
        .plan
        .content();
    let form = Form::new().part("files", part("zoe-openpyxl.xlsx", bytes));
    let (_, _, page) = post(&base, form).await;
    let downloads = links(&page, "/r/");
    let suffixes = ["xlsx", "annotated.xlsx", "csv", "json", "md", "html"];
    for suffix in suffixes {
        let link = downloads
            .iter()
            .find(|l| l.ends_with(&format!("/0/{suffix}")))
            .unwrap_or_else(|| panic!("no {suffix} download in {downloads:?}"));
        let (status, h, body) = get(&base, link).await;
        assert_eq!(status, StatusCode::OK, "{suffix}");
        assert_security_headers(&h, suffix);
        let disposition = h["content-disposition"].to_str().unwrap();
        assert!(
            disposition.contains(&format!("filename=\"zoe-openpyxl.{suffix}\"")),
            "{disposition}"
        );
        match suffix {
            "md" | "html" => {
                let text = String::from_utf8(body).unwrap();
                assert!(text.contains("Kubernetes"), "{suffix}");
            }
            _ => {
                let name = format!("back.{}", suffix.rsplit('.').next().unwrap());
                let back = read_plan_bytes(Path::new(&name), &body, &ReadOptions::default())
                    .unwrap_or_else(|e| panic!("{suffix}: {e}"));
                assert_eq!(back.plan.content(), original, "{suffix}");
            }
        }
    }
    // The annotated workbook carries the findings.
    let link = downloads
        .iter()
        .find(|l| l.ends_with("/annotated.xlsx"))
        .unwrap();
    let (_, _, body) = get(&base, link).await;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(body)).unwrap();
    assert!(
        (0..archive.len()).any(|i| archive
            .by_index(i)
            .unwrap()
            .name()
            .unwrap()
            .contains("comments")),
        "no notes in the annotated workbook"
    );
}

/// Zoë's plan as CSV with hostile text in its cells.
fn hostile_plan() -> Vec<u8> {
    let text = std::fs::read_to_string(fixture("plans/zoe-google-sheets.csv")).unwrap();
    let long = "N".repeat(10_000);
    text.replace("Zoë Álvarez", "<script>alert('name')</script>")
        .replace("Backend Engineer", &long)
        .replace("Public speaking", "\"\"><img src=x onerror=alert(1)>")
        .replace("Toastmasters", "javascript:alert(document.cookie)")
        .into_bytes()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_cells_and_names_are_never_shown_unescaped() {
    let base = start().await;
    let form = Form::new().part(
        "files",
        part("\"><script>alert('file')</script>.csv", hostile_plan()),
    );
    let (status, _, page) = post(&base, form).await;
    assert_eq!(status, StatusCode::OK);
    for raw in ["<script>alert", "<img src=x", "<img", "onerror=alert(1)>"] {
        assert!(!page.contains(raw), "{raw} unescaped");
    }
    assert!(page.contains("&lt;script&gt;alert"), "{page}");
    assert!(page.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(!page.contains("href=\"javascript:"));
    assert!(page.contains("javascript:alert(document.cookie)"));
    assert!(page.contains(&"N".repeat(10_000)));
    // The only scripts are the server's own.
    assert_eq!(page.matches("<script").count(), 1);
    // The downloads escape as well.
    for link in links(&page, "/r/") {
        if link.ends_with("/html") {
            let (_, _, body) = get(&base, &link).await;
            let body = String::from_utf8(body).unwrap();
            assert!(
                !body.contains("<script>alert") && !body.contains("<img"),
                "{link}"
            );
        }
    }
    // The team page escapes the name and the file name too.
    let form = Form::new()
        .part(
            "files",
            part("\"><script>alert('file')</script>.csv", hostile_plan()),
        )
        .part("files", file_part("team/alex-chen.xlsx"));
    let (status, _, page) = post(&base, form).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("table class=\"team\""));
    assert!(!page.contains("<script>alert") && !page.contains("<img"));
    assert_eq!(page.matches("<script").count(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_that_is_not_a_plan_is_a_finding_not_a_failure() {
    let base = start().await;
    for (name, bytes) in [
        (
            "notes.txt",
            std::fs::read(fixture("not-plans/notes.txt")).unwrap(),
        ),
        (
            "truncated.xlsx",
            std::fs::read(fixture("bad/truncated.xlsx")).unwrap(),
        ),
        (
            "random.xlsx",
            std::fs::read(fixture("bad/random.xlsx")).unwrap(),
        ),
        ("empty.csv", Vec::new()),
    ] {
        let (status, _, page) = post(&base, Form::new().part("files", part(name, bytes))).await;
        assert_eq!(status, StatusCode::OK, "{name}");
        assert!(page.contains("verdict-error"), "{name}: {page}");
        assert!(page.contains("S00"), "{name}");
        assert!(!page.contains("Downloads"), "{name}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_uploads_get_a_400_page() {
    let base = start().await;
    let c = client();
    // A multipart body that ends in the middle of a part.
    let r = c
        .post(format!("{base}/check"))
        .header("content-type", "multipart/form-data; boundary=XYZ")
        .body("--XYZ\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.csv\"\r\n\r\nName,Zoe\r\n--XY")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert_security_headers(r.headers(), "malformed");
    assert!(r.text().await.unwrap().contains("Not a readable upload"));
    // Headers with no end.
    let r = c
        .post(format!("{base}/check"))
        .header("content-type", "multipart/form-data; boundary=XYZ")
        .body("--XYZ\r\nContent-Disposition: form-data; name=\"files\"")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    // Not multipart at all.
    let r = c
        .post(format!("{base}/check"))
        .header("content-type", "application/json")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert!(r.text().await.unwrap().contains("Not a readable upload"));
    // No file.
    let (status, _, page) = post(&base, Form::new().text("as_of", "2026-01-01")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(page.contains("No file"));
    // A date that is not one.
    let form = Form::new()
        .text("as_of", "31/12/2026")
        .part("files", file_part("rules/clean.csv"));
    let (status, _, page) = post(&base, form).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(page.contains("YYYY-MM-DD"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn uploads_over_the_size_limits_get_a_413_page() {
    let base = start().await;
    // 60 MB in one request: over the 50 MB per request.
    let big = vec![b'a'; 60 * 1024 * 1024];
    let (status, h, page) = post(&base, Form::new().part("files", part("big.csv", big))).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_security_headers(&h, "413");
    assert!(page.contains("larger than 50 MB"), "{page}");
    // 25 MB in one file: over the 20 MB per file, under the request's limit.
    let one = vec![b'a'; 25 * 1024 * 1024];
    let (status, _, page) = post(&base, Form::new().part("files", part("one.csv", one))).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(page.contains("larger than 20 MB"), "{page}");
    // A chunked request (no length) over the limit is cut off as well.
    let stream = futures_chunks(60);
    let form = Form::new().part("files", Part::stream(stream).file_name("s.csv"));
    let (status, _, _) = post(&base, form).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    // The server is still there.
    let (status, _, _) = post(
        &base,
        Form::new().part("files", file_part("rules/clean.csv")),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
}

/// A body of `mb` megabytes, sent in chunks without a length.
fn futures_chunks(mb: usize) -> reqwest::Body {
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<Vec<u8>, std::io::Error>>(4);
    tokio::spawn(async move {
        for _ in 0..mb {
            if tx.send(Ok(vec![b'b'; 1024 * 1024])).await.is_err() {
                break;
            }
        }
    });
    reqwest::Body::wrap_stream(ReceiverStream(rx))
}

struct ReceiverStream(tokio::sync::mpsc::Receiver<Result<Vec<u8>, std::io::Error>>);

impl futures_core_stream::Stream for ReceiverStream {
    type Item = Result<Vec<u8>, std::io::Error>;
    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        self.0.poll_recv(cx)
    }
}

mod futures_core_stream {
    pub use futures_core::Stream;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hundred_files_are_checked_and_more_than_the_limit_get_a_413() {
    let base = start().await;
    let csv = std::fs::read(fixture("rules/clean.csv")).unwrap();
    let mut form = Form::new();
    for i in 0..100 {
        form = form.part("files", part(&format!("plan-{i:03}.csv"), csv.clone()));
    }
    let (status, _, page) = post(&base, form).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("100 plans"), "{page}");
    assert_eq!(statuses(&page).len(), 100);
    let mut form = Form::new();
    for i in 0..201 {
        form = form.part("files", part(&format!("plan-{i:03}.csv"), csv.clone()));
    }
    let (status, _, page) = post(&base, form).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(page.contains("more than 200 files"), "{page}");
}

/// Opens a connection and sends the start of an upload, then stops.
async fn stalled_upload(base: &str) -> tokio::net::TcpStream {
    let addr = base.trim_start_matches("http://");
    let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
    let head = format!(
        "POST /check HTTP/1.1\r\nHost: {addr}\r\nContent-Type: multipart/form-data; boundary=XYZ\r\nContent-Length: 100000\r\n\r\n--XYZ\r\nContent-Disposition: form-data; name=\"files\"; filename=\"slow.csv\"\r\n\r\nName,"
    );
    s.write_all(head.as_bytes()).await.unwrap();
    s
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_client_times_out_without_holding_up_others() {
    let limits = Limits {
        idle_timeout: Duration::from_millis(600),
        ..Limits::default()
    };
    let base = start_with(limits).await;
    let started = std::time::Instant::now();
    let mut slow = stalled_upload(&base).await;
    // Others are served meanwhile.
    let (status, _, _) = post(
        &base,
        Form::new().part("files", file_part("rules/clean.csv")),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(started.elapsed() < Duration::from_millis(600));
    let mut answer = Vec::new();
    tokio::time::timeout(Duration::from_secs(10), slow.read_to_end(&mut answer))
        .await
        .expect("the server kept the slow connection")
        .unwrap();
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.contains("took too long"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn past_the_queue_requests_get_a_503_page() {
    let limits = Limits {
        queue: 1,
        idle_timeout: Duration::from_secs(2),
        ..Limits::default()
    };
    let base = start_with(limits).await;
    let _slow = stalled_upload(&base).await;
    tokio::time::sleep(Duration::from_millis(100)).await;
    let (status, h, page) = post(
        &base,
        Form::new().part("files", file_part("rules/clean.csv")),
    )
    .await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(h["retry-after"], "5");
    assert!(page.contains("Try again"));
    // Pages that do no work are still served.
    let (status, _, _) = get(&base, "/").await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_response_carries_the_security_headers() {
    let base = start().await;
    for path in [
        "/",
        "/rules",
        "/template",
        "/static/app.js",
        "/static/app.css",
        "/static/plan.css",
        "/no/such/page",
        "/r/0123456789abcdef0123456789abcdef",
        "/r/../../etc/passwd",
        "/template/download?kind=example&goals=2",
        "/template/download?goals=-1",
    ] {
        let (status, h, _) = get(&base, path).await;
        assert_security_headers(&h, path);
        match path {
            "/no/such/page" | "/r/0123456789abcdef0123456789abcdef" | "/r/../../etc/passwd" => {
                assert_eq!(status, StatusCode::NOT_FOUND, "{path}")
            }
            "/template/download?goals=-1" => assert_eq!(status, StatusCode::BAD_REQUEST),
            _ => assert_eq!(status, StatusCode::OK, "{path}"),
        }
    }
    let (_, h, _) = get(&base, "/static/app.js").await;
    assert_eq!(h["content-type"], "text/javascript; charset=utf-8");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_template_and_the_example_download_with_their_goal_rows() {
    let base = start().await;
    let (status, _, page) = get(&base, "/template").await;
    assert_eq!(status, StatusCode::OK);
    let page = String::from_utf8(page).unwrap();
    assert!(page.contains(igp::layout::INSPIRATION_QUESTIONS[0]));
    assert!(page.contains("Anticipated Challenges"));
    let (status, h, blank) = get(&base, "/template/download?kind=blank&goals=7").await;
    assert_eq!(status, StatusCode::OK);
    assert!(h["content-disposition"]
        .to_str()
        .unwrap()
        .contains("individual-growth-plan.xlsx"));
    let reading = read_plan_bytes(Path::new("t.xlsx"), &blank, &ReadOptions::default()).unwrap();
    assert_eq!(reading.sections.len(), 4);
    assert!(reading.plan.goals.is_empty());
    let (status, _, example) = get(&base, "/template/download?kind=example&goals=3").await;
    assert_eq!(status, StatusCode::OK);
    let reading = read_plan_bytes(Path::new("e.xlsx"), &example, &ReadOptions::default()).unwrap();
    assert_eq!(reading.plan.content(), igp::template::example().content());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn download_names_are_sanitized() {
    let base = start().await;
    let form = Form::new().part(
        "files",
        part(
            "../../x/\"quo\"ted Zoë;name.csv",
            std::fs::read(fixture("plans/zoe-google-sheets.csv")).unwrap(),
        ),
    );
    let (status, _, page) = post(&base, form).await;
    assert_eq!(status, StatusCode::OK);
    let link = links(&page, "/r/")
        .into_iter()
        .find(|l| l.ends_with("/0/csv"))
        .unwrap();
    let (_, h, _) = get(&base, &link).await;
    let d = h["content-disposition"].to_str().unwrap();
    assert!(d.starts_with("attachment; filename=\""), "{d}");
    assert_eq!(d.matches('"').count(), 2, "{d}");
    assert!(
        !d.contains("..") && !d.contains('/') && !d.contains('\\'),
        "{d}"
    );
    assert!(d.is_ascii());
    assert!(d.contains("filename*=UTF-8''"), "{d}");
    assert!(d.contains("Zo%C3%AB"), "{d}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_configuration_sets_severities_for_everyone_and_the_pages_name_it() {
    let dir = tempfile::tempdir().unwrap();
    let toml = dir.path().join("igp.toml");
    std::fs::write(&toml, "[severity]\nG003 = \"off\"\nG008 = \"error\"\n").unwrap();
    let (settings, found) = igp::rules::Settings::load(Some(&toml), dir.path()).unwrap();
    let mut config = Config::new("127.0.0.1:0".parse().unwrap());
    config.settings = settings;
    config.settings.as_of = as_of();
    config.fixed_as_of = Some(as_of());
    config.config_path = found;
    let (addr, serve) = igp::serve::bind(config).await.unwrap();
    tokio::spawn(serve);
    let base = format!("http://{addr}");
    let form = Form::new().part("files", file_part("plans/zoe-openpyxl.xlsx"));
    let (_, _, page) = post(&base, form).await;
    assert!(!page.contains("G003 missing-detail"), "G003 is off");
    assert!(page.contains("verdict-error"), "G008 is an error here");
    assert!(page.contains("Configuration in force: <code>"));
    assert!(page.contains("igp.toml"));
    assert!(page.contains("severity.G008 = error"));
    let (_, _, rules) = get(&base, "/rules").await;
    let rules = String::from_utf8(rules).unwrap();
    assert!(rules.contains("(default: warning)"));
    // The as-of date chosen on the page.
    let form = Form::new()
        .text("as_of", "2026-01-01")
        .part("files", file_part("plans/zoe-openpyxl.xlsx"));
    let (_, _, page) = post(&base, form).await;
    assert!(page.contains("as of 2026-01-01"));
    assert!(
        !page.contains("G008 past-deadline"),
        "no deadline has passed on 2026-01-01"
    );
}

/// Kills the child when dropped.
struct Running(std::process::Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_binary_serves_logs_no_file_name_and_a_failed_open_is_a_note() {
    use std::io::BufRead;
    let empty = tempfile::tempdir().unwrap();
    let mut child = Running(
        std::process::Command::new(env!("CARGO_BIN_EXE_igp"))
            .args(["serve", "--port", "0", "--open", "--as-of", "2026-06-01"])
            .current_dir(empty.path())
            // No browser opener on the PATH: --open can only fail.
            .env("PATH", empty.path())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap(),
    );
    let stderr = child.0.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stderr).lines() {
            if tx.send(line.unwrap()).is_err() {
                break;
            }
        }
    });
    let mut lines = Vec::new();
    let base = loop {
        let line = rx.recv_timeout(Duration::from_secs(20)).unwrap();
        lines.push(line.clone());
        if let Some(rest) = line.split("listening on ").nth(1) {
            break rest.split('/').take(3).collect::<Vec<_>>().join("/");
        }
    };
    assert!(base.starts_with("http://127.0.0.1:"), "{base}");
    let form = Form::new().part(
        "files",
        part(
            "secret-name.csv",
            std::fs::read(fixture("rules/clean.csv")).unwrap(),
        ),
    );
    let (status, _, page) = post(&base, form).await;
    assert_eq!(status, StatusCode::OK);
    let key = links(&page, "/r/")[0].clone();
    let (status, _, _) = get(&base, &key).await;
    assert_eq!(status, StatusCode::OK);
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while !lines.iter().any(|l| l.starts_with("GET /r/")) {
        assert!(std::time::Instant::now() < deadline, "{lines:?}");
        if let Ok(line) = rx.recv_timeout(Duration::from_millis(200)) {
            lines.push(line);
        }
    }
    drop(child);
    let all = lines.join("\n");
    assert!(all.contains("note: could not open a browser"), "{all}");
    assert!(all.contains("POST /check 200 "), "{all}");
    assert!(all.contains("GET /r/KEY/0/xlsx 200 "), "{all}");
    assert!(!all.contains("secret-name"), "{all}");
    let secret_key = key.split('/').nth(2).unwrap();
    assert!(
        !all.contains(secret_key),
        "the log holds a result's key: {all}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn several_files_are_taken_as_the_form_says() {
    let base = start().await;
    // Two plans said to be the tabs of one: refused as one plan, with the reader's reason.
    let form = Form::new()
        .text("as", "one")
        .part("files", file_part("team/alex-chen.xlsx"))
        .part("files", file_part("team/dana-kim.xlsx"));
    let (status, _, page) = post(&base, form).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("verdict-error"), "{page}");
    assert!(page.contains("alex-chen.xlsx + dana-kim.xlsx"));
    assert!(!page.contains("table class=\"team\""));
    // The tabs said to be separate plans: three plans in the team table.
    let mut form = Form::new().text("as", "many");
    for tab in [
        "tabs/zoe-reflection.csv",
        "tabs/zoe-goals.csv",
        "tabs/zoe-tracking.csv",
    ] {
        form = form.part("files", file_part(tab));
    }
    let (_, _, page) = post(&base, form).await;
    assert_eq!(statuses(&page).len(), 3, "{page}");
    // Files of a folder that are not plans are skipped, and named.
    let form = Form::new()
        .part("files", file_part("team/alex-chen.xlsx"))
        .part("files", part("team/README.md", b"# notes".to_vec()))
        .part("files", part("team/.DS_Store", vec![0, 1, 2]))
        .part("files", file_part("team/dana-kim.xlsx"));
    let (_, _, page) = post(&base, form).await;
    assert_eq!(statuses(&page).len(), 2, "{page}");
    assert!(page.contains("Skipped 2 files that are not plans: team/README.md, team/.DS_Store"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dropped_folder_is_taken_by_the_rule_of_check_dir() {
    let base = start().await;
    // The folder of tests/check.rs's `a_folder_is_taken_by_the_same_rule_as_igp_serve`.
    let form = Form::new()
        .part(
            "files",
            part(
                "team/alex-chen.xlsx",
                std::fs::read(fixture("team/alex-chen.xlsx")).unwrap(),
            ),
        )
        .part(
            "files",
            part(
                "team/dana-kim.xlsx",
                std::fs::read(fixture("team/dana-kim.xlsx")).unwrap(),
            ),
        )
        .part(
            "files",
            part(
                "team/minimal.numbers",
                std::fs::read(fixture("foreign/sheetjs/minimal_112.numbers")).unwrap(),
            ),
        )
        .part(
            "files",
            part(
                "team/notes.txt",
                std::fs::read(fixture("not-plans/notes.txt")).unwrap(),
            ),
        )
        .part("files", part("team/README.md", b"# plans".to_vec()))
        .part(
            "files",
            part("team/~$alex-chen.xlsx", excel_lock("Alex Chen")),
        )
        .part(
            "files",
            part(
                "team/.~lock.dana-kim.xlsx#",
                b"Dana Kim,laptop,dana,06.12.2026 10:00,file:///home/dana;".to_vec(),
            ),
        );
    let (status, _, page) = post(&base, form).await;
    assert_eq!(status, StatusCode::OK);
    // Three plans: the two workbooks, and the .numbers file as an error that says what to do.
    assert_eq!(statuses(&page).len(), 3, "{page}");
    assert!(page.contains("team/minimal.numbers"), "{page}");
    assert!(
        page.contains(
            "Skipped 4 files that are not plans, 2 of them office lock files: team/notes.txt, \
         team/README.md, team/~$alex-chen.xlsx, team/.~lock.dana-kim.xlsx#"
        ),
        "{page}"
    );
    // The file chooser offers what a folder walk takes.
    let (_, _, home) = get(&base, "/").await;
    let home = String::from_utf8(home).unwrap();
    let accept = format!("accept=\"{}\"", igp::read::walk::accept());
    assert!(
        home.contains(&accept) && accept.contains(".numbers,"),
        "{home}"
    );
    // A lock file dropped alone is read as given, and named as what it is.
    let form = Form::new().part("files", part("~$alex-chen.xlsx", excel_lock("Alex Chen")));
    let (_, _, page) = post(&base, form).await;
    assert!(
        page.contains(
            "an Excel lock file, not a plan: Excel keeps it beside alex-chen.xlsx while that file \
         is open (here by Alex Chen) and deletes it on closing; check alex-chen.xlsx itself"
        ),
        "{page}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_never_finishes_its_headers_is_disconnected() {
    let limits = Limits {
        header_timeout: Duration::from_millis(500),
        ..Limits::default()
    };
    let base = start_with(limits).await;
    let addr = base.trim_start_matches("http://").to_string();
    let started = std::time::Instant::now();
    let mut slow = tokio::net::TcpStream::connect(&addr).await.unwrap();
    slow.write_all(b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        .await
        .unwrap();
    // An idle connection too.
    let mut idle = tokio::net::TcpStream::connect(&addr).await.unwrap();
    // Others are served meanwhile.
    let (status, _, _) = get(&base, "/").await;
    assert_eq!(status, StatusCode::OK);
    for s in [&mut slow, &mut idle] {
        let mut rest = Vec::new();
        tokio::time::timeout(Duration::from_secs(10), s.read_to_end(&mut rest))
            .await
            .expect("the server kept a stalled connection open")
            .ok();
    }
    assert!(started.elapsed() >= Duration::from_millis(400));
}

/// What a strict Content-Security-Policy would block: inline style or script, and event
/// handler attributes. None may be on a page, or the browser drops it silently.
fn assert_nothing_inline(page: &str, what: &str) {
    assert!(!page.contains("<style"), "{what}: a style element");
    assert!(!page.contains(" style=\""), "{what}: a style attribute");
    for tag in page.split('<').skip(1).filter_map(|t| t.split('>').next()) {
        let handler = tag.split(" on").skip(1).any(|rest| {
            let name: String = rest.chars().take_while(char::is_ascii_alphabetic).collect();
            !name.is_empty() && rest[name.len()..].starts_with('=')
        });
        assert!(!handler, "{what}: an event handler in <{tag}>");
    }
    assert_eq!(
        page.matches("<script").count(),
        page.matches("<script src=\"/static/app.js\" defer></script>")
            .count(),
        "{what}: an inline script"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_page_holds_what_the_content_security_policy_blocks() {
    let base = start().await;
    for path in ["/", "/rules", "/template", "/nowhere"] {
        let (_, _, page) = get(&base, path).await;
        assert_nothing_inline(&String::from_utf8(page).unwrap(), path);
    }
    let (_, _, page) = post(
        &base,
        Form::new().part("files", file_part("plans/zoe-openpyxl.xlsx")),
    )
    .await;
    assert_nothing_inline(&page, "a plan");
    let mut form = Form::new();
    for n in ["alex-chen.xlsx", "bea-okafor.ods", "carlos-ruiz-goals.csv"] {
        form = form.part("files", file_part(&format!("team/{n}")));
    }
    let (_, _, page) = post(&base, form).await;
    assert_nothing_inline(&page, "a team");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_loopback_only_its_own_host_names_are_answered() {
    let base = start().await;
    let port = base.rsplit(':').next().unwrap().to_string();
    let c = client();
    for (host, ok) in [
        (format!("127.0.0.1:{port}"), true),
        (format!("localhost:{port}"), true),
        (format!("LOCALHOST:{port}"), true),
        (format!("evil.example:{port}"), false),
        ("127.0.0.1".to_string(), false),
    ] {
        let r = c
            .get(format!("{base}/"))
            .header("host", &host)
            .send()
            .await
            .unwrap();
        let status = r.status();
        assert_security_headers(r.headers(), &host);
        if ok {
            assert_eq!(status, StatusCode::OK, "{host}");
        } else {
            assert_eq!(status, StatusCode::MISDIRECTED_REQUEST, "{host}");
            assert!(r
                .text()
                .await
                .unwrap()
                .contains("answers only to its own address"));
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_says_what_every_report_says() {
    let base = start().await;
    // A clean plan, a plan with info only, and a file that is no plan.
    let form = Form::new()
        .part("files", file_part("rules/clean.csv"))
        .part("files", file_part("rules/P006-not-tracked.csv"))
        .part("files", part("team/README.md", b"# notes".to_vec()));
    let (_, _, page) = post(&base, form).await;
    assert!(
        page.contains("2 plans: 1 clean, 0 with errors, 0 with warnings, 1 with info; 0 errors, 0 warnings, 1 info"),
        "{page}"
    );
    assert!(page.contains("verdict-info"), "{page}");
    assert!(
        page.contains("<strong>Info</strong>: 0 errors, 0 warnings, 1 info"),
        "{page}"
    );
    assert!(!page.contains(" notes"), "{page}");
    assert!(
        page.contains("Skipped 1 file that is not a plan: team/README.md"),
        "{page}"
    );
}
