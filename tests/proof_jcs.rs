#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! RFC 8785 examples, written as literals.

use openbadges::canon::jcs::{to_jcs_bytes, to_jcs_string};
use serde_json::Value;

fn jcs_of_text(json: &str) -> String {
    let v: Value = serde_json::from_str(json).unwrap();
    to_jcs_string(&v).unwrap()
}

#[test]
fn rfc8785_section_3_2_2_example() {
    let input = r#"{
      "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
      "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
      "literals": [null, true, false]
    }"#;
    let expected = "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],\"string\":\"\u{20ac}$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}";
    assert_eq!(jcs_of_text(input), expected);
    assert_eq!(
        to_jcs_bytes(&serde_json::from_str(input).unwrap()).unwrap(),
        expected.as_bytes()
    );
}

#[test]
fn rfc8785_section_3_2_3_sorting_by_utf16_code_units() {
    let input = r#"{
      "\u20ac": "Euro Sign",
      "\r": "Carriage Return",
      "\ufb33": "Hebrew Letter Dalet With Dagesh",
      "1": "One",
      "\ud83d\ude00": "Emoji: Grinning Face",
      "\u0080": "Control",
      "\u00f6": "Latin Small Letter O With Diaeresis"
    }"#;
    let out = jcs_of_text(input);
    let v: serde_json::Map<String, Value> = serde_json::from_str(&out).unwrap();
    let values: Vec<&str> = v.values().map(|x| x.as_str().unwrap()).collect();
    // serde_json preserve_order keeps the JCS output order when reparsed.
    assert_eq!(
        values,
        [
            "Carriage Return",
            "One",
            "Control",
            "Latin Small Letter O With Diaeresis",
            "Euro Sign",
            "Emoji: Grinning Face",
            "Hebrew Letter Dalet With Dagesh"
        ]
    );
    // The emoji (U+1F600, UTF-16 D83D DE00) sorts before U+FB33: code-point
    // order would put it last.
    let emoji = out.find('\u{1F600}').unwrap();
    let dalet = out.find('\u{FB33}').unwrap();
    assert!(emoji < dalet);
    assert!(out.starts_with("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u{80}\":\"Control\""));
}

#[test]
fn rfc8785_appendix_b_numbers() {
    let cases: &[(u64, &str)] = &[
        (0x0000000000000000, "0"),
        (0x8000000000000000, "0"),
        (0x0000000000000001, "5e-324"),
        (0x8000000000000001, "-5e-324"),
        (0x7fefffffffffffff, "1.7976931348623157e+308"),
        (0xffefffffffffffff, "-1.7976931348623157e+308"),
        (0x4340000000000000, "9007199254740992"),
        (0xc340000000000000, "-9007199254740992"),
        (0x4430000000000000, "295147905179352830000"),
        (0x44b52d02c7e14af5, "9.999999999999997e+22"),
        (0x44b52d02c7e14af6, "1e+23"),
        (0x44b52d02c7e14af7, "1.0000000000000001e+23"),
        (0x444b1ae4d6e2ef4e, "999999999999999700000"),
        (0x444b1ae4d6e2ef4f, "999999999999999900000"),
        (0x444b1ae4d6e2ef50, "1e+21"),
        (0x3eb0c6f7a0b5ed8c, "9.999999999999997e-7"),
        (0x3eb0c6f7a0b5ed8d, "0.000001"),
        (0x41b3de4355555553, "333333333.3333332"),
        (0x41b3de4355555554, "333333333.33333325"),
        (0x41b3de4355555555, "333333333.3333333"),
        (0x41b3de4355555556, "333333333.3333334"),
        (0x41b3de4355555557, "333333333.33333343"),
        (0xbecbf647612f3696, "-0.0000033333333333333333"),
        (0x43143ff3c1cb0959, "1424953923781206.2"),
    ];
    for (bits, expected) in cases {
        let v = Value::from(f64::from_bits(*bits));
        assert_eq!(to_jcs_string(&v).unwrap(), *expected, "bits {bits:#018x}");
    }
}

#[test]
fn numbers_parsed_from_text() {
    assert_eq!(
        jcs_of_text("[1e21, 1E21, 1000000000000000000000]"),
        "[1e+21,1e+21,1e+21]"
    );
    assert_eq!(jcs_of_text("333333333.33333329"), "333333333.3333333");
    assert_eq!(jcs_of_text("[-0, -0.0, 0.0]"), "[0,0,0]");
    assert_eq!(jcs_of_text("5e-324"), "5e-324");
    assert_eq!(jcs_of_text("[1.0, 100, 1e2, 0.1]"), "[1,100,100,0.1]");
    // Integers beyond 2^53 are written as the double they round to.
    assert_eq!(jcs_of_text("9007199254740993"), "9007199254740992");
}

#[test]
fn strings_and_nesting() {
    assert_eq!(
        jcs_of_text(r#"{"b":{"z":1,"a":[{"y":"\u00e9","x":"\t"}]},"a":"</script>"}"#),
        "{\"a\":\"</script>\",\"b\":{\"a\":[{\"x\":\"\\t\",\"y\":\"\u{e9}\"}],\"z\":1}}"
    );
}
