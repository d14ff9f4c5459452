//! `igp serve`: a small web application in the binary, with the same library behind it.
//!
//! One plan dropped on the page is read and checked as `igp check` would, and shown with
//! its findings, grouped by goal and section, and the plan laid out as `convert --to html`
//! lays it out. Many plans give the team table. Nothing is written to disk: uploads are
//! read into memory, checked, and dropped with the answer; the results that downloads come
//! from stay in a small in-memory [`store`] under random keys for a few minutes.
//!
//! axum on tokio; tower-http sets the security headers on every response and bounds a
//! request's time. Limits: the size of a file and of a request, the number of files, the
//! time a client may take to send, and the work in flight (CPU work runs on at most one
//! blocking thread per core, and past a short queue requests get a 503 page).

pub mod pages;
pub mod store;
pub mod work;

use crate::read::ReadOptions;
use crate::rules::Settings;
use axum::body::Body;
use axum::extract::{
    DefaultBodyLimit, FromRequest, Multipart, Path as UrlPath, Query, Request, State,
};
use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};
use store::Store;
use tokio::sync::Semaphore;
use tower_http::set_header::SetResponseHeaderLayer;
use work::{Mode, Outcome, PlanDownload, TeamDownload, Upload};

/// The Content-Security-Policy of every response: nothing from elsewhere, no inline
/// script or style, no framing, forms post only here.
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// What one request may cost.
#[derive(Debug, Clone)]
pub struct Limits {
    /// The largest file.
    pub max_file_bytes: usize,
    /// The largest request body.
    pub max_request_bytes: usize,
    /// The most files in one request.
    pub max_files: usize,
    /// The longest a client may take to send a request's body.
    pub upload_timeout: Duration,
    /// The longest a client may pause while sending.
    pub idle_timeout: Duration,
    /// Requests doing CPU work at once (one blocking thread each).
    pub workers: usize,
    /// Requests admitted at once (uploading, waiting or working); past them, 503.
    pub queue: usize,
    /// The longest a client may take to send a request's headers (and the longest an idle
    /// connection is kept).
    pub header_timeout: Duration,
    /// The most connections open at once; past them, new ones wait to be accepted.
    pub max_connections: usize,
    /// The most bytes of results kept for downloads, and for how long.
    pub store_bytes: usize,
    pub store_ttl: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        Limits {
            max_file_bytes: 20 * 1024 * 1024,
            max_request_bytes: 50 * 1024 * 1024,
            max_files: 200,
            upload_timeout: Duration::from_secs(120),
            idle_timeout: Duration::from_secs(15),
            header_timeout: Duration::from_secs(15),
            max_connections: 512,
            workers: cores,
            queue: cores * 4,
            store_bytes: 64 * 1024 * 1024,
            store_ttl: Duration::from_secs(600),
        }
    }
}

/// How the server runs.
#[derive(Debug, Clone)]
pub struct Config {
    pub addr: SocketAddr,
    /// The settings for everyone (from igp.toml).
    pub settings: Settings,
    /// The configuration file in force, if any.
    pub config_path: Option<PathBuf>,
    /// The as-of date when the page gives none (`--as-of` or the configuration's); else
    /// the day of each check.
    pub fixed_as_of: Option<chrono::NaiveDate>,
    pub limits: Limits,
    /// One line per request on standard error.
    pub log: bool,
}

impl Config {
    /// A server on `addr` with the default settings and limits.
    pub fn new(addr: SocketAddr) -> Config {
        Config {
            addr,
            settings: Settings::default(),
            config_path: None,
            fixed_as_of: None,
            limits: Limits::default(),
            log: false,
        }
    }
}

struct AppState {
    /// On a loopback address, the Host headers it answers to (a page of another site that
    /// resolves its own name to 127.0.0.1, DNS rebinding, gets a 421).
    hosts: Option<Vec<String>>,
    config: Config,
    config_shown: Option<String>,
    store: Store<Outcome>,
    /// Admission: a request holds one while it uploads, waits and works.
    queue: Arc<Semaphore>,
    /// CPU work: one per blocking thread.
    cpu: Arc<Semaphore>,
}

type Shared = Arc<AppState>;

impl AppState {
    fn site(&self) -> pages::Site<'_> {
        pages::Site {
            config: self.config_shown.as_deref(),
            settings: &self.config.settings,
            fixed_as_of: self.config.fixed_as_of,
            limits: &self.config.limits,
        }
    }
}

/// Binds the server; gives the address it listens on and the future that serves.
///
/// # Errors
///
/// When the address cannot be bound.
pub async fn bind(
    config: Config,
) -> std::io::Result<(SocketAddr, impl Future<Output = std::io::Result<()>> + Send)> {
    let listener = tokio::net::TcpListener::bind(config.addr).await?;
    let addr = listener.local_addr()?;
    let state = state(config, addr);
    let app = router(Arc::clone(&state));
    let serve = async move {
        let sweeper = {
            let state = Arc::clone(&state);
            tokio::spawn(async move {
                let mut tick = tokio::time::interval(Duration::from_secs(30));
                loop {
                    tick.tick().await;
                    state.store.sweep();
                }
            })
        };
        let served = accept(listener, app, &state.config.limits).await;
        sweeper.abort();
        served
    };
    Ok((addr, serve))
}

/// Accepts connections and serves each on its own task (hyper's HTTP/1.1 server, as
/// `axum::serve` does, but with a timer): a client that takes
/// longer than the header timeout to send a request's headers (or keeps a connection idle
/// that long) is disconnected, and at most `max_connections` are open at once.
async fn accept(
    listener: tokio::net::TcpListener,
    app: Router,
    limits: &Limits,
) -> std::io::Result<()> {
    use hyper_util::rt::{TokioIo, TokioTimer};
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout);
    let builder = Arc::new(builder);
    let open = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    loop {
        let Ok(permit) = Arc::clone(&open).acquire_owned().await else {
            return Ok(());
        };
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            // Out of file descriptors and the like: wait, then go on.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let service = hyper_util::service::TowerToHyperService::new(app.clone());
        let builder = Arc::clone(&builder);
        tokio::spawn(async move {
            let _ = builder
                .serve_connection(TokioIo::new(stream), service)
                .await;
            drop(permit);
        });
    }
}

fn state(config: Config, addr: SocketAddr) -> Shared {
    let port = addr.port();
    let hosts = addr.ip().is_loopback().then(|| {
        vec![
            format!("127.0.0.1:{port}"),
            format!("localhost:{port}"),
            format!("[::1]:{port}"),
        ]
    });
    let l = &config.limits;
    Arc::new(AppState {
        hosts,
        config_shown: config.config_path.as_ref().map(|p| p.display().to_string()),
        store: Store::new(l.store_ttl, l.store_bytes),
        queue: Arc::new(Semaphore::new(l.queue.max(1))),
        cpu: Arc::new(Semaphore::new(l.workers.max(1))),
        config,
    })
}

fn router(state: Shared) -> Router {
    let limits = state.config.limits.clone();
    let log = state.config.log;
    let header = |name: &'static str, value: &'static str| {
        SetResponseHeaderLayer::overriding(
            HeaderName::from_static(name),
            HeaderValue::from_static(value),
        )
    };
    Router::new()
        .route("/", get(index))
        .route(
            "/check",
            post(check).get(|| async { axum::response::Redirect::to("/") }),
        )
        .route("/rules", get(rules_page))
        .route("/template", get(template_page))
        .route("/template/download", get(template_download))
        .route("/static/{file}", get(static_file))
        .route("/r/{key}", get(result_page))
        .route("/r/{key}/{item}", get(result_item))
        .route("/r/{key}/{item}/{what}", get(plan_download))
        .fallback(not_found)
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&state),
            check_host,
        ))
        .with_state(state)
        // The body limit a multipart upload reads against (a larger one is a 413 page).
        .layer(DefaultBodyLimit::max(limits.max_request_bytes))
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            limits.upload_timeout + Duration::from_secs(120),
        ))
        .layer(header("content-security-policy", CSP))
        .layer(header("x-content-type-options", "nosniff"))
        .layer(header("x-frame-options", "DENY"))
        .layer(header("referrer-policy", "no-referrer"))
        .layer(header("cross-origin-opener-policy", "same-origin"))
        .layer(header("cross-origin-resource-policy", "same-origin"))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .layer(axum::middleware::from_fn(move |req, next| {
            log_request(log, req, next)
        }))
}

/// Refuses a request whose Host header is not this loopback server's (when it listens on
/// loopback): the answer of a rebinding attack's page.
async fn check_host(State(state): State<Shared>, req: Request, next: Next) -> Response {
    if let Some(hosts) = &state.hosts {
        let host = req
            .headers()
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .unwrap_or("")
            .to_ascii_lowercase();
        if !hosts.contains(&host) {
            return problem(
                StatusCode::MISDIRECTED_REQUEST,
                "Not this server",
                "This igp server answers only to its own address on this machine (127.0.0.1 or localhost).",
            );
        }
    }
    next.run(req).await
}

/// One line per request on standard error: method, path (a result's key left out), status
/// and time. Never a file name, a query or any text of a plan.
async fn log_request(log: bool, req: Request, next: Next) -> Response {
    if !log {
        return next.run(req).await;
    }
    let started = Instant::now();
    let method = req.method().clone();
    let path = loggable_path(req.uri().path());
    let response = next.run(req).await;
    eprintln!(
        "{method} {path} {} {}ms",
        response.status().as_u16(),
        started.elapsed().as_millis()
    );
    response
}

/// A path as logged: known routes as they are, a result's key as `KEY`, anything else as
/// `(other)`.
pub fn loggable_path(path: &str) -> String {
    const KNOWN: &[&str] = &["/", "/check", "/rules", "/template", "/template/download"];
    if KNOWN.contains(&path) {
        return path.to_string();
    }
    if let Some(file) = path.strip_prefix("/static/") {
        if STATIC.iter().any(|(name, _, _)| *name == file) {
            return path.to_string();
        }
    }
    if let Some(rest) = path.strip_prefix("/r/") {
        let mut parts = rest.splitn(2, '/');
        let _key = parts.next();
        return match parts.next() {
            Some(tail)
                if tail.len() <= 20
                    && tail
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'/') =>
            {
                format!("/r/KEY/{tail}")
            }
            Some(_) => "/r/KEY/(other)".to_string(),
            None => "/r/KEY".to_string(),
        };
    }
    "(other)".to_string()
}

fn html_response(status: StatusCode, page: maud::Markup) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        page.into_string(),
    )
        .into_response()
}

fn problem(status: StatusCode, title: &str, text: &str) -> Response {
    html_response(status, pages::problem(title, text))
}

async fn index(State(state): State<Shared>) -> Response {
    let today = chrono::Local::now().date_naive();
    html_response(StatusCode::OK, pages::index(&state.site(), today))
}

async fn rules_page(State(state): State<Shared>) -> Response {
    html_response(StatusCode::OK, pages::rules_page(&state.site()))
}

async fn template_page() -> Response {
    html_response(StatusCode::OK, pages::template_page())
}

async fn not_found() -> Response {
    problem(
        StatusCode::NOT_FOUND,
        "Not found",
        "There is no page here. Results are kept for a few minutes only: check the plan again.",
    )
}

/// The embedded files: name, content type, text.
const STATIC: &[(&str, &str, &str)] = &[
    (
        "app.css",
        "text/css; charset=utf-8",
        include_str!("static/app.css"),
    ),
    (
        "app.js",
        "text/javascript; charset=utf-8",
        include_str!("static/app.js"),
    ),
    (
        "plan.css",
        "text/css; charset=utf-8",
        crate::write::html::STYLE,
    ),
    (
        "report.css",
        "text/css; charset=utf-8",
        crate::report::html::STYLE,
    ),
];

async fn static_file(UrlPath(file): UrlPath<String>) -> Response {
    match STATIC.iter().find(|(name, _, _)| *name == file) {
        Some((_, ty, text)) => (
            [
                (header::CONTENT_TYPE, *ty),
                (header::CACHE_CONTROL, "max-age=300"),
            ],
            *text,
        )
            .into_response(),
        None => not_found().await,
    }
}

/// What the upload form sent.
struct Form {
    files: Vec<Upload>,
    as_of: Option<String>,
    mode: Mode,
}

/// A request refused: its status and the page's words.
struct Refusal(StatusCode, &'static str, String);

impl Refusal {
    fn response(self) -> Response {
        problem(self.0, self.1, &self.2)
    }
}

fn too_large(text: String) -> Refusal {
    Refusal(StatusCode::PAYLOAD_TOO_LARGE, "Too large", text)
}

fn multipart_refusal(e: &axum::extract::multipart::MultipartError, limits: &Limits) -> Refusal {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        too_large(format!(
            "The upload is larger than {} MB in all; check fewer files at once.",
            limits.max_request_bytes / (1024 * 1024)
        ))
    } else {
        Refusal(
            StatusCode::BAD_REQUEST,
            "Not a readable upload",
            format!(
                "The upload could not be read as a form ({}). Choose the files again and send the form.",
                e.body_text()
            ),
        )
    }
}

/// A file name as sent, made safe to keep and show: its path inside a dropped folder kept,
/// `..`, empty and control characters dropped, at most 200 characters.
pub fn clean_name(name: &str) -> String {
    let parts: Vec<String> = name
        .split(['/', '\\'])
        .filter(|p| !p.is_empty() && *p != "." && *p != "..")
        .map(|p| p.chars().filter(|c| !c.is_control()).collect::<String>())
        .filter(|p| !p.is_empty())
        .collect();
    let joined = parts.join("/");
    let cut: String = joined.chars().take(200).collect();
    if cut.is_empty() {
        "upload".to_string()
    } else {
        cut
    }
}

async fn with_idle<T, E>(
    idle: Duration,
    fut: impl Future<Output = Result<T, E>>,
) -> Result<Result<T, E>, Refusal> {
    tokio::time::timeout(idle, fut).await.map_err(|_| slow())
}

fn slow() -> Refusal {
    Refusal(
        StatusCode::REQUEST_TIMEOUT,
        "The upload took too long",
        "The upload stopped or was too slow, and was dropped. Send the form again.".to_string(),
    )
}

async fn read_form(mut multipart: Multipart, limits: &Limits) -> Result<Form, Refusal> {
    let mut form = Form {
        files: Vec::new(),
        as_of: None,
        mode: Mode::Auto,
    };
    let mut fields = 0usize;
    loop {
        let field = with_idle(limits.idle_timeout, multipart.next_field())
            .await?
            .map_err(|e| multipart_refusal(&e, limits))?;
        let Some(mut field) = field else { break };
        fields += 1;
        if fields > limits.max_files + 16 {
            return Err(too_large(format!(
                "The upload has more than {} files; check at most {} at once.",
                limits.max_files, limits.max_files
            )));
        }
        let name = field.name().unwrap_or("").to_string();
        let file_name = field.file_name().map(str::to_string);
        let cap = if file_name.is_some() {
            limits.max_file_bytes
        } else {
            1024
        };
        let mut bytes = Vec::new();
        while let Some(chunk) = with_idle(limits.idle_timeout, field.chunk())
            .await?
            .map_err(|e| multipart_refusal(&e, limits))?
        {
            if bytes.len() + chunk.len() > cap {
                return Err(if file_name.is_some() {
                    too_large(format!(
                        "A file is larger than {} MB, the most one plan may be. Is it the right file?",
                        limits.max_file_bytes / (1024 * 1024)
                    ))
                } else {
                    Refusal(
                        StatusCode::BAD_REQUEST,
                        "Not a readable upload",
                        "A form field is too long.".to_string(),
                    )
                });
            }
            bytes.extend_from_slice(&chunk);
        }
        match (name.as_str(), file_name) {
            ("files", Some(file_name)) => {
                // An empty file input sends one part with no name and no bytes.
                if file_name.is_empty() && bytes.is_empty() {
                    continue;
                }
                if form.files.len() == limits.max_files {
                    return Err(too_large(format!(
                        "The upload has more than {} files; check at most {} at once.",
                        limits.max_files, limits.max_files
                    )));
                }
                form.files.push(Upload {
                    name: clean_name(&file_name),
                    bytes,
                });
            }
            ("as_of", None) => form.as_of = Some(String::from_utf8_lossy(&bytes).into_owned()),
            ("as", None) => form.mode = Mode::from_name(&String::from_utf8_lossy(&bytes)),
            _ => {}
        }
    }
    Ok(form)
}

/// How a request's body ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pumped {
    Whole,
    /// Over the request's limit (the rest read and dropped, up to [`drain_cap`]).
    Over,
    /// The client paused longer than the idle timeout.
    Slow,
    /// The connection failed.
    Broken,
}

/// The most bytes read (and dropped) of a refused upload so that its client gets the
/// answer; past it the connection is closed.
fn drain_cap(limits: &Limits) -> usize {
    limits.max_request_bytes.saturating_mul(2)
}

/// A body passed on through a bounded channel: chunks up to the request's limit, then an
/// error; the rest is read and dropped (up to [`drain_cap`]) and the task ends with how
/// the body ended. A pause longer than the idle timeout ends it too.
fn pump(body: Body, limits: &Limits) -> (Body, tokio::task::JoinHandle<Pumped>) {
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<axum::body::Bytes, std::io::Error>>(8);
    let (max, cap, idle) = (
        limits.max_request_bytes,
        drain_cap(limits),
        limits.idle_timeout,
    );
    let task = tokio::spawn(async move {
        let mut stream = body.into_data_stream();
        let mut seen = 0usize;
        let mut open = true;
        loop {
            let next = std::future::poll_fn(|cx| {
                futures_core::Stream::poll_next(std::pin::Pin::new(&mut stream), cx)
            });
            let chunk = match tokio::time::timeout(idle, next).await {
                Err(_) => {
                    let _ = tx.send(Err(std::io::Error::other("timed out"))).await;
                    return Pumped::Slow;
                }
                Ok(None) => {
                    return if seen > max {
                        Pumped::Over
                    } else {
                        Pumped::Whole
                    }
                }
                Ok(Some(Err(_))) => {
                    let _ = tx.send(Err(std::io::Error::other("broken"))).await;
                    return Pumped::Broken;
                }
                Ok(Some(Ok(chunk))) => chunk,
            };
            seen += chunk.len();
            if seen > cap {
                return Pumped::Over;
            }
            if seen > max {
                if open {
                    let _ = tx.send(Err(std::io::Error::other("over the limit"))).await;
                    open = false;
                }
                continue;
            }
            if open && tx.send(Ok(chunk)).await.is_err() {
                // The reader stopped (a refusal): go on reading, to drop the rest.
                open = false;
            }
        }
    });
    (Body::from_stream(Channel(rx)), task)
}

/// A channel's receiving end as a stream of chunks.
struct Channel(tokio::sync::mpsc::Receiver<Result<axum::body::Bytes, std::io::Error>>);

impl futures_core::Stream for Channel {
    type Item = Result<axum::body::Bytes, std::io::Error>;
    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        self.0.poll_recv(cx)
    }
}

/// Runs CPU work on a blocking thread, at most one per core at once.
async fn cpu<T: Send + 'static>(
    state: &Shared,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, Response> {
    let _permit = Arc::clone(&state.cpu)
        .acquire_owned()
        .await
        .map_err(|_| busy())?;
    tokio::task::spawn_blocking(work).await.map_err(|_| {
        problem(
            StatusCode::INTERNAL_SERVER_ERROR,
            "igp failed",
            "igp failed on this request: a bug in igp. Please report it.",
        )
    })
}

fn busy() -> Response {
    let mut r = problem(
        StatusCode::SERVICE_UNAVAILABLE,
        "Busy",
        "The server is checking as many plans as it can right now. Try again in a few seconds.",
    );
    r.headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
    r
}

async fn check(State(state): State<Shared>, request: Request) -> Response {
    let limits = &state.config.limits;
    let Ok(_ticket) = Arc::clone(&state.queue).try_acquire_owned() else {
        return busy();
    };
    let length = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    let over = || {
        too_large(format!(
            "The upload is larger than {} MB in all; check fewer files at once.",
            limits.max_request_bytes / (1024 * 1024)
        ))
    };
    // Far over the limit: refused at once, the connection closed.
    if length.is_some_and(|n| n > drain_cap(limits) as u64) {
        let mut r = over().response();
        r.headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
        return r;
    }
    let (parts, body) = request.into_parts();
    let (body, pump) = pump(body, limits);
    let request = Request::from_parts(parts, body);
    let multipart = match Multipart::from_request(request, &()).await {
        Ok(m) => m,
        Err(e) => {
            return Refusal(
                StatusCode::BAD_REQUEST,
                "Not a readable upload",
                format!("{} Send the form on the upload page.", e.body_text()),
            )
            .response()
        }
    };
    let read = if length.is_some_and(|n| n > limits.max_request_bytes as u64) {
        // Dropped: the pump reads the rest into nothing.
        drop(multipart);
        Err(over())
    } else {
        match tokio::time::timeout(limits.upload_timeout, read_form(multipart, limits)).await {
            Ok(read) => read,
            Err(_) => Err(slow()),
        }
    };
    let form = match read {
        Ok(form) => form,
        Err(refusal) => {
            // The rest of the body is read and dropped before the answer, so that the
            // client, still sending, gets the page rather than a reset connection.
            let end = tokio::time::timeout(limits.upload_timeout, pump).await;
            let refusal = match end {
                Ok(Ok(Pumped::Over)) => over(),
                Ok(Ok(Pumped::Slow)) | Err(_) => slow(),
                _ => refusal,
            };
            let mut r = refusal.response();
            r.headers_mut()
                .insert(header::CONNECTION, HeaderValue::from_static("close"));
            return r;
        }
    };
    if form.files.is_empty() {
        return problem(
            StatusCode::BAD_REQUEST,
            "No file",
            "No file was chosen: drop or choose a plan, then press Check.",
        );
    }
    let mut settings = state.config.settings.clone();
    settings.as_of = state
        .config
        .fixed_as_of
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    if let Some(text) = form.as_of.as_deref().filter(|t| !t.trim().is_empty()) {
        match crate::rules::settings::parse_as_of(text) {
            Ok(d) => settings.as_of = d,
            Err(e) => return problem(StatusCode::BAD_REQUEST, "Not a date", &e),
        }
    }
    let read = ReadOptions {
        limits: crate::read::Limits {
            max_file_bytes: (limits.max_file_bytes as u64).min(settings.reading.max_file_bytes),
            ..settings.reading
        },
        aliases: settings.aliases.clone(),
    };
    let config = state.config_shown.clone();
    let mode = form.mode;
    let files = form.files;
    let outcome = match cpu(&state, move || {
        work::check(files, mode, &read, &settings, config)
    })
    .await
    {
        Ok(o) => o,
        Err(r) => return r,
    };
    let size = outcome.size();
    let outcome = Arc::new(outcome);
    let key = state.store.put(Arc::clone(&outcome), size);
    page_of(
        &state,
        &outcome,
        key.as_deref(),
        crate::report::html::TeamSort::WorstFirst,
    )
}

fn page_of(
    state: &Shared,
    outcome: &Outcome,
    key: Option<&str>,
    sort: crate::report::html::TeamSort,
) -> Response {
    let site = state.site();
    if outcome.team {
        return html_response(StatusCode::OK, pages::team_page(&site, outcome, key, sort));
    }
    let Some(c) = outcome.plans.first() else {
        return problem(
            StatusCode::BAD_REQUEST,
            "No plan",
            "No plan was found in the files.",
        );
    };
    let base = key.map(|k| format!("/r/{k}/0"));
    html_response(
        StatusCode::OK,
        pages::plan_page(&site, c, outcome.as_of, base.as_deref(), None),
    )
}

fn expired() -> Response {
    problem(
        StatusCode::NOT_FOUND,
        "Result expired",
        "This result is no longer kept (results are kept for a few minutes, in memory only). Check the plans again.",
    )
}

fn lookup(state: &Shared, key: &str) -> Option<Arc<Outcome>> {
    if !store::is_key(key) {
        return None;
    }
    state.store.get(key)
}

#[derive(serde::Deserialize)]
struct SortQuery {
    sort: Option<String>,
    dir: Option<String>,
}

async fn result_page(
    State(state): State<Shared>,
    UrlPath(key): UrlPath<String>,
    Query(q): Query<SortQuery>,
) -> Response {
    let sort = crate::report::html::TeamSort::from_names(q.sort.as_deref(), q.dir.as_deref());
    match lookup(&state, &key) {
        Some(o) => page_of(&state, &o, Some(&key), sort),
        None => expired(),
    }
}

async fn result_item(
    State(state): State<Shared>,
    UrlPath((key, item)): UrlPath<(String, String)>,
) -> Response {
    let Some(outcome) = lookup(&state, &key) else {
        return expired();
    };
    if let Ok(i) = item.parse::<usize>() {
        let Some(c) = outcome.plans.get(i) else {
            return not_found().await;
        };
        let base = format!("/r/{key}/{i}");
        let back = outcome.team.then(|| format!("/r/{key}"));
        return html_response(
            StatusCode::OK,
            pages::plan_page(
                &state.site(),
                c,
                outcome.as_of,
                Some(&base),
                back.as_deref(),
            ),
        );
    }
    let Some(what) = TeamDownload::from_name(&item) else {
        return not_found().await;
    };
    let Ok(_ticket) = Arc::clone(&state.queue).try_acquire_owned() else {
        return busy();
    };
    let o = Arc::clone(&outcome);
    match cpu(&state, move || work::team_download(&o, what)).await {
        Ok(Ok(bytes)) => download(
            bytes,
            what.content_type(),
            &format!("igp-{}", what.file_name()),
        ),
        Ok(Err(e)) => problem(StatusCode::INTERNAL_SERVER_ERROR, "Cannot write", &e),
        Err(r) => r,
    }
}

async fn plan_download(
    State(state): State<Shared>,
    UrlPath((key, item, what)): UrlPath<(String, String, String)>,
) -> Response {
    let Some(outcome) = lookup(&state, &key) else {
        return expired();
    };
    let (Some(i), Some(what)) = (item.parse::<usize>().ok(), PlanDownload::from_name(&what)) else {
        return not_found().await;
    };
    let Some(c) = outcome.plans.get(i) else {
        return not_found().await;
    };
    if c.plan.is_none() {
        return problem(
            StatusCode::NOT_FOUND,
            "No plan to download",
            "This file could not be read as a plan, so there is nothing to download.",
        );
    }
    let Ok(_ticket) = Arc::clone(&state.queue).try_acquire_owned() else {
        return busy();
    };
    let name = format!("{}.{}", work::stem(&c.report.path), what.suffix());
    let o = Arc::clone(&outcome);
    let rendered = cpu(&state, move || {
        let c = &o.plans[i];
        match &c.plan {
            Some(plan) => work::plan_download(plan, &c.report.findings, what),
            None => Err("no plan".to_string()),
        }
    })
    .await;
    match rendered {
        Ok(Ok(bytes)) => download(bytes, what.content_type(), &name),
        Ok(Err(e)) => problem(StatusCode::INTERNAL_SERVER_ERROR, "Cannot write", &e),
        Err(r) => r,
    }
}

#[derive(serde::Deserialize)]
struct TemplateQuery {
    kind: Option<String>,
    goals: Option<String>,
}

async fn template_download(
    State(state): State<Shared>,
    Query(q): Query<TemplateQuery>,
) -> Response {
    let example = q.kind.as_deref() == Some("example");
    let goals = match q.goals.as_deref().map(str::trim).filter(|g| !g.is_empty()) {
        None => 3,
        Some(g) => match g.parse::<usize>() {
            Ok(n) if n <= 200 => n,
            _ => {
                return problem(
                    StatusCode::BAD_REQUEST,
                    "Not a number of goal rows",
                    "The number of goal rows is a whole number from 0 to 200.",
                )
            }
        },
    };
    let Ok(_ticket) = Arc::clone(&state.queue).try_acquire_owned() else {
        return busy();
    };
    match cpu(&state, move || work::template(example, goals)).await {
        Ok(Ok(bytes)) => download(
            bytes,
            PlanDownload::Xlsx.content_type(),
            if example {
                "igp-example.xlsx"
            } else {
                "individual-growth-plan.xlsx"
            },
        ),
        Ok(Err(e)) => problem(StatusCode::INTERNAL_SERVER_ERROR, "Cannot write", &e),
        Err(r) => r,
    }
}

fn download(bytes: Vec<u8>, content_type: &'static str, name: &str) -> Response {
    let disposition = content_disposition(name);
    let mut r = Response::new(Body::from(bytes));
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    r
}

/// `attachment` with a download name made safe: an ASCII `filename` (letters, digits,
/// `.`, `-` and `_`; no quote, no line break, no path) and the name itself as RFC 5987
/// `filename*`, percent-encoded.
pub fn content_disposition(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let ascii: String = base
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let ascii = ascii.trim_start_matches('.');
    let ascii = if ascii.is_empty() { "download" } else { ascii };
    let mut encoded = String::new();
    for b in base.bytes() {
        if b.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&b) {
            encoded.push(b as char);
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn download_names_are_safe() {
        assert_eq!(
            content_disposition("plan.xlsx"),
            "attachment; filename=\"plan.xlsx\"; filename*=UTF-8''plan.xlsx"
        );
        let d = content_disposition("../../etc/\"evil\"\r\nX: y.csv");
        assert!(
            !d.contains('\r') && !d.contains('\n') && !d.contains("../"),
            "{d}"
        );
        assert_eq!(d.matches('"').count(), 2, "{d}");
        let d = content_disposition("Zoë Müller.xlsx");
        assert!(d.contains("filename=\"Zo__M_ller.xlsx\""), "{d}");
        assert!(
            d.contains("filename*=UTF-8''Zo%C3%AB%20M%C3%BCller.xlsx"),
            "{d}"
        );
    }

    #[test]
    fn names_and_paths_are_cleaned() {
        assert_eq!(clean_name("../../a/./b\r\n.csv"), "a/b.csv");
        assert_eq!(clean_name(""), "upload");
        assert_eq!(
            loggable_path("/r/0123/0/annotated.xlsx"),
            "/r/KEY/0/annotated.xlsx"
        );
        assert_eq!(loggable_path("/etc/passwd"), "(other)");
    }
}
