// Doubles and how JavaScript's `String(n)` writes them: `json::number` must agree, natively
// (src/json.rs tests) and in the browser (tests/browser.rs), where the browser itself answers.
[
    (0.5, "0.5"),
    (1.0, "1"),
    (-3.0, "-3"),
    (1e21, "1e+21"),
    (123_456_789_012_345_680_000.0, "123456789012345680000"),
    (1.5e-7, "1.5e-7"),
    (0.000_001, "0.000001"),
    (-2.5e-300, "-2.5e-300"),
    (0.300_000_000_000_000_04, "0.30000000000000004"),
    (1e20, "100000000000000000000"),
    (1.5e21, "1.5e+21"),
    (123.456, "123.456"),
    (1e-7, "1e-7"),
    (0.000_001_234, "0.000001234"),
    (5e-324, "5e-324"),
    (1.797_693_134_862_315_7e308, "1.7976931348623157e+308"),
    // -717961036462638.25 exactly, halfway between two shortest forms: the even last digit.
    (f64::from_bits(0xC304_67DA_A453_D172), "-717961036462638.2"),
]
