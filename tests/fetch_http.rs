//! HttpFetcher against a tiny HTTP server on 127.0.0.1 (no outside network),
//! only with `--features http`.
#![cfg(feature = "http")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::time::Duration;

use openbadges::fetch::{FetchError, Fetcher, HttpFetcher, HttpOptions};

fn handle(stream: TcpStream) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request_line = String::new();
    reader.read_line(&mut request_line).unwrap();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
    }
    let path = request_line
        .split_whitespace()
        .nth(1)
        .unwrap_or("/")
        .to_owned();
    let mut s = stream;
    let _ = match path.as_str() {
        "/ok" => s.write_all(
            b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}",
        ),
        "/gone" => s.write_all(b"HTTP/1.1 410 Gone\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"),
        "/loop" => s.write_all(
            b"HTTP/1.1 302 Found\r\nLocation: /loop\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
        ),
        "/declared-big" => s.write_all(
            b"HTTP/1.1 200 OK\r\nContent-Length: 100000000\r\nConnection: close\r\n\r\nabc",
        ),
        "/stream-big" => {
            // No Content-Length: the cap must be enforced while reading.
            let _ = s.write_all(b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n");
            let chunk = vec![b'x'; 64 * 1024];
            for _ in 0..256 {
                if s.write_all(&chunk).is_err() {
                    break;
                }
            }
            Ok(())
        }
        _ => s.write_all(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"),
    };
}

fn server() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || handle(stream));
        }
    });
    format!("http://{addr}")
}

fn fetcher() -> HttpFetcher {
    HttpFetcher::new(
        HttpOptions::default()
            .allow_http(true)
            .allow_private_addresses(true)
            .timeout(Duration::from_secs(10))
            .max_redirects(2),
    )
}

#[test]
fn ok_gone_and_redirect_loop() {
    let base = server();
    let f = fetcher();
    let ok = f.fetch(&format!("{base}/ok"), 100).unwrap();
    assert_eq!((ok.status, ok.body.as_slice()), (200, &b"{}"[..]));
    assert_eq!(ok.content_type.as_deref(), Some("application/json"));
    assert_eq!(f.fetch(&format!("{base}/gone"), 100).unwrap().status, 410);
    assert!(matches!(
        f.fetch(&format!("{base}/loop"), 100),
        Err(FetchError::Refused { .. })
    ));
}

#[test]
fn size_cap_declared_and_streamed() {
    let base = server();
    let f = fetcher();
    assert!(matches!(
        f.fetch(&format!("{base}/declared-big"), 1000),
        Err(FetchError::TooLarge {
            max_bytes: 1000,
            ..
        })
    ));
    assert!(matches!(
        f.fetch(&format!("{base}/stream-big"), 100_000),
        Err(FetchError::TooLarge {
            max_bytes: 100_000,
            ..
        })
    ));
}

#[test]
fn plain_http_and_private_addresses_refused_unless_allowed() {
    let base = server();
    assert!(matches!(
        HttpFetcher::default().fetch(&format!("{base}/ok"), 100),
        Err(FetchError::Refused { .. })
    ));
    let http_only = HttpFetcher::new(HttpOptions::default().allow_http(true));
    assert!(matches!(
        http_only.fetch(&format!("{base}/ok"), 100),
        Err(FetchError::Refused { .. })
    ));
    // A host name resolving to loopback is refused after resolution.
    let port = base.rsplit(':').next().unwrap();
    let err = http_only
        .fetch(&format!("http://localhost:{port}/ok"), 100)
        .unwrap_err();
    assert!(matches!(err, FetchError::Refused { .. }), "{err:?}");
}
