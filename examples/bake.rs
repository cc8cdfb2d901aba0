//! Bakes a credential into a PNG or SVG badge image, or extracts one.
//!
//! ```text
//! cargo run --example bake -- --image IN.png|IN.svg --credential FILE --out OUT
//! cargo run --example bake -- --extract FILE
//! ```
//!
//! - `--credential FILE`: JSON (an OB 2.0 assertion or an OB 3.0 credential),
//!   a compact JWS, or an OB 2.0 hosted-assertion URL; OB 2.0 and 3.0 are told
//!   apart by the `@context` of the JSON or of the JWS payload;
//! - the image format is read off the image's first bytes, not its name;
//! - `--extract FILE`: prints the baked text to stdout (as baked, then a
//!   newline), and its
//!   version and form to stderr.
//!
//! Exit status: 0 on success; 1 for bad input (unreadable file, not an image,
//! no badge, a typed error: the message is on stderr); 2 for bad usage.

use std::process::ExitCode;

use openbadges::bake::{bake, extract, sniff_format, Content, ImageFormat, Payload};
use openbadges::limits::Limits;

const USAGE: &str =
    "usage: bake --image IN.png|IN.svg --credential FILE --out OUT\n       bake --extract FILE";

fn usage(msg: &str) -> ExitCode {
    eprintln!("bake: {msg}\n{USAGE}");
    ExitCode::from(2)
}

fn fail(msg: &str) -> ExitCode {
    eprintln!("bake: {msg}");
    ExitCode::from(1)
}

#[derive(Default)]
struct Args {
    image: Option<String>,
    credential: Option<String>,
    out: Option<String>,
    extract: Option<String>,
}

fn parse(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut a = Args::default();
    while let Some(flag) = args.next() {
        let slot = match flag.as_str() {
            "--image" => &mut a.image,
            "--credential" => &mut a.credential,
            "--out" => &mut a.out,
            "--extract" => &mut a.extract,
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument {other:?}")),
        };
        let Some(value) = args.next() else {
            return Err(format!("{flag} needs a value"));
        };
        if slot.replace(value).is_some() {
            return Err(format!("{flag} given twice"));
        }
    }
    Ok(a)
}

fn read(path: &str) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))
}

fn form(c: &Content) -> &'static str {
    match c {
        Content::Json(_) => "JSON",
        Content::Jws(_) => "compact JWS",
        Content::Url(_) => "URL",
        _ => "text",
    }
}

fn run_extract(file: &str, limits: &Limits) -> ExitCode {
    let bytes = match read(file) {
        Ok(b) => b,
        Err(e) => return fail(&e),
    };
    let format = match sniff_format(&bytes) {
        Some(ImageFormat::Png) => "PNG",
        Some(ImageFormat::Svg) => "SVG",
        _ => return fail(&format!("{file}: not a PNG or SVG image")),
    };
    match extract(&bytes, limits) {
        Ok(Some(p)) => {
            eprintln!(
                "{file}: {} {} baked in a {format}",
                p.version(),
                form(p.content())
            );
            println!("{}", p.as_str());
            ExitCode::SUCCESS
        }
        Ok(None) => fail(&format!("{file}: no badge is baked in this {format}")),
        Err(e) => fail(&format!("{file}: {e}")),
    }
}

fn run_bake(image: &str, credential: &str, out: &str, limits: &Limits) -> ExitCode {
    let image_bytes = match read(image) {
        Ok(b) => b,
        Err(e) => return fail(&e),
    };
    let text = match read(credential)
        .and_then(|b| String::from_utf8(b).map_err(|_| format!("{credential} is not UTF-8 text")))
    {
        Ok(t) => t,
        Err(e) => return fail(&e),
    };
    let payload = match Payload::sniff(&text, limits) {
        Ok(p) => p,
        Err(e) => return fail(&format!("{credential}: {e}")),
    };
    let baked = match bake(&image_bytes, &payload, limits) {
        Ok(b) => b,
        Err(e) => return fail(&format!("{image}: {e}")),
    };
    if let Err(e) = std::fs::write(out, &baked) {
        return fail(&format!("cannot write {out}: {e}"));
    }
    eprintln!(
        "{out}: baked {} {} ({} bytes) into {image}",
        payload.version(),
        form(payload.content()),
        payload.as_str().len()
    );
    ExitCode::SUCCESS
}

fn main() -> ExitCode {
    let args = match parse(std::env::args().skip(1)) {
        Ok(a) => a,
        Err(msg) if msg.is_empty() => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(msg) => return usage(&msg),
    };
    let limits = Limits::DEFAULT;
    match args {
        Args {
            extract: Some(file),
            image: None,
            credential: None,
            out: None,
        } => run_extract(&file, &limits),
        Args {
            extract: None,
            image: Some(image),
            credential: Some(credential),
            out: Some(out),
        } => run_bake(&image, &credential, &out, &limits),
        Args {
            extract: Some(_), ..
        } => usage("--extract takes no other argument"),
        _ => usage("baking needs --image, --credential and --out"),
    }
}
