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
]
