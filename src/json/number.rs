//! JSON numbers read and written exactly as JavaScript does, without Rust's own float parsing
//! and formatting: those bring power-of-ten tables into the wasm binary that barely compress.
//! Common numbers (timestamps, short decimals) take a few float operations; every other case is
//! settled exactly with a small big integer, which is slow but needs no tables.

use std::cmp::Ordering;

/// 10^0..=10^22, each exact in an f64, so one multiplication or division by one rounds once.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// The bits of +infinity: the largest value the rounding below may step to.
const INF: u64 = 0x7FF0_0000_0000_0000;

/// The value of a JSON number: `text` matches JSON's grammar
/// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?` (the caller has checked it).
/// Correctly rounded to the nearest double, ties to even, exactly as JavaScript's JSON.parse
/// and Rust's `str::parse::<f64>` do; too large gives ±infinity, too small ±0.0 (sign kept).
pub fn parse(text: &str) -> f64 {
    match text.as_bytes().split_first() {
        Some((b'-', rest)) => -magnitude(rest),
        _ => magnitude(text.as_bytes()),
    }
}

/// A digit's value. Other bytes (never in valid input) count as 9, which keeps every sum below
/// in range, so any text gives some number rather than a panic.
fn digit(c: &u8) -> u8 {
    c.wrapping_sub(b'0').min(9)
}

/// The value of an unsigned JSON number.
fn magnitude(s: &[u8]) -> f64 {
    let mut parts = s.splitn(2, |&c| c | 0x20 == b'e');
    let (mantissa, exp) = (
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
    );
    let (negative, exp) = match exp {
        [b'-', rest @ ..] => (true, rest),
        [b'+', rest @ ..] | rest => (false, rest),
    };
    // Capped far beyond any double's range, so that no exponent arithmetic can overflow.
    let exp = exp
        .iter()
        .fold(0, |e, c| (e * 10 + digit(c) as i64).min(1 << 40));
    // The value is sig·10^e, sig being the n digits from the first to the last nonzero one, so
    // zeros on either side cost nothing however many there are. `head` gathers the first 19.
    let mut e = if negative { -exp } else { exp };
    let (mut n, mut zeros, mut head, mut point) = (0, 0, 0, false);
    for c in mantissa {
        if *c == b'.' {
            point = true;
            continue;
        }
        let d = digit(c);
        e -= point as i64;
        if n + zeros < 19 {
            head = head * 10 + d as u64;
        }
        // Zeros count only once a nonzero digit follows them.
        if d != 0 {
            n += zeros + 1;
            zeros = 0;
        } else if n > 0 {
            zeros += 1;
        }
    }
    if n == 0 {
        return 0.0;
    }
    // Trailing zeros go into the exponent, also those `head` took in.
    e += zeros;
    for _ in n.min(19)..(n + zeros).min(19) {
        head /= 10;
    }

    // Clinger's fast path: both factors are exact doubles, so IEEE rounds the one operation.
    if n <= 19 && head <= 1 << 53 && e.abs() <= 22 {
        let (h, p) = (head as f64, pow10(e));
        return if e < 0 { h / p } else { h * p };
    }
    // 10^(n+e-1) <= value < 10^(n+e): out of range either way with no further work.
    if n + e > 309 {
        return f64::INFINITY;
    }
    if n + e < -323 {
        return 0.0;
    }
    // A midpoint between two doubles has at most 768 significant digits, so past 800 digits
    // only whether more follow matters (they do: the last digit is not 0), which one digit 1
    // stands for as well.
    let mut exact = Big(Vec::new());
    let digits = mantissa.iter().filter(|&&c| c != b'.').map(digit);
    for d in digits.skip_while(|&d| d == 0).take(n.min(800) as usize) {
        exact.mul_add(10, d as u32);
    }
    let mut q = e;
    if n > 800 {
        exact.mul_add(10, 1);
        q += n - 801;
    }
    // Estimate from the first 19 digits: each step rounds once, so the estimate is off by a
    // few units in the last place at most, and the loop below walks to the right double.
    let mut f = head as f64;
    let mut s = n + e - n.min(19);
    while s != 0 {
        let k = s.clamp(-22, 22);
        let p = pow10(k);
        f = if k < 0 { f / p } else { f * p };
        s -= k;
    }
    let mut bits = f.to_bits();
    loop {
        if bits < INF && above(&exact, q, bits) {
            bits += 1;
        } else if bits > 0 && !above(&exact, q, bits - 1) {
            bits -= 1;
        } else {
            return f64::from_bits(bits);
        }
    }
}

/// 10^|k|, for |k| <= 22.
fn pow10(k: i64) -> f64 {
    POW10[k.unsigned_abs().min(22) as usize]
}

/// Whether d·10^q rounds to something above the double with bits `b`: it lies beyond the
/// midpoint between that double and the next one up, or exactly on it when `b` is odd (ties
/// go to the even one).
fn above(d: &Big, q: i64, b: u64) -> bool {
    let ((m1, e1), (m2, e2)) = (split(b), split(b + 1));
    let e = e1.min(e2);
    // The midpoint is mid·2^(e-1); at a change of binade the exponents differ by one.
    let mid = (m1 << (e1 - e)) + (m2 << (e2 - e));
    // Compare d·5^q·2^q with mid·2^(e-1) as whole numbers: the power of 5 goes to whichever
    // side keeps it whole, then the side with the larger power of 2 is shifted.
    let (mut l, mut r) = (d.clone(), Big::new(mid));
    if q < 0 {
        r.mul_pow5(q.unsigned_abs());
    } else {
        l.mul_pow5(q as u64);
    }
    let shift = q - (e - 1);
    if shift < 0 {
        r.shl(shift.unsigned_abs());
    } else {
        l.shl(shift as u64);
    }
    // No zero limbs on top, so the longer is larger; else the top limbs that differ decide.
    let order = match l.0.len().cmp(&r.0.len()) {
        Ordering::Equal => l.0.iter().rev().cmp(r.0.iter().rev()),
        by_length => by_length,
    };
    order == Ordering::Greater || (order == Ordering::Equal && b & 1 == 1)
}

/// A non-negative double's bits as m·2^e with whole m. Infinity's bits give 2^1024, just where
/// the boundary between the largest double and infinity must be placed.
fn split(b: u64) -> (u64, i64) {
    let (exp, frac) = ((b >> 52) as i64, b & ((1 << 52) - 1));
    if exp == 0 {
        (frac, -1074)
    } else {
        (frac | 1 << 52, exp - 1075)
    }
}

/// An unsigned whole number as base-2^32 limbs, least significant first, with no zero limb on
/// top (so zero has none, and limb counts compare like magnitudes).
#[derive(Clone)]
struct Big(Vec<u32>);

impl Big {
    fn new(v: u64) -> Big {
        let mut b = Big(vec![v as u32, (v >> 32) as u32]);
        while b.0.last() == Some(&0) {
            b.0.pop();
        }
        b
    }

    /// self = self·m + a, with m > 0.
    fn mul_add(&mut self, m: u32, a: u32) {
        let mut carry = a as u64;
        for limb in &mut self.0 {
            let t = *limb as u64 * m as u64 + carry;
            *limb = t as u32;
            carry = t >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
    }

    /// self = self·5^n, by 5^13 (the largest power of 5 in a limb) at a time.
    fn mul_pow5(&mut self, mut n: u64) {
        while n > 0 {
            let k = n.min(13);
            self.mul_add(5u32.pow(k as u32), 0);
            n -= k;
        }
    }

    /// self = self·2^n: the bits within a limb by multiplication, whole limbs by inserting zeros.
    fn shl(&mut self, n: u64) {
        self.mul_add(1 << (n % 32), 0);
        let mut limbs = vec![0; (n / 32) as usize];
        limbs.append(&mut self.0);
        self.0 = limbs;
    }

    /// Its decimal digits (values 0..=9), most significant first, consuming it.
    fn digits(mut self) -> Vec<u8> {
        // Divide by 10^9 until nothing is left: the remainders are 9-digit chunks, lowest first.
        let mut chunks = Vec::new();
        while !self.0.is_empty() {
            let mut r = 0;
            for limb in self.0.iter_mut().rev() {
                let t = (r << 32) | *limb as u64;
                *limb = (t / 1_000_000_000) as u32;
                r = t % 1_000_000_000;
            }
            while self.0.last() == Some(&0) {
                self.0.pop();
            }
            chunks.push(r);
        }
        let mut out = Vec::new();
        for chunk in chunks.iter().rev() {
            let mut unit = 100_000_000;
            while unit > 0 {
                let d = (chunk / unit % 10) as u8;
                // Leading zeros of the top chunk are no digits.
                if d > 0 || !out.is_empty() {
                    out.push(d);
                }
                unit /= 10;
            }
        }
        out
    }
}

/// Appends JavaScript's `String(f)` (ECMA-262 Number::toString, radix 10) to `out`:
/// "NaN", "Infinity", "-Infinity"; "0" for both zeros; otherwise the SHORTEST digits that read
/// back as exactly `f` (when two shortest digit strings are both closest, the one nearest to the
/// exact value; exact ties: the even last digit), laid out as JavaScript does: plain integer
/// digits with trailing zeros up to 1e21 (`100`, `123456789012345680000`), a decimal point for
/// 1e-6 <= |f| < 1e21 (`0.000001`, `1.5`), and exponent form outside (`1e+21`, `1.5e-7`,
/// `5e-324`, `1.7976931348623157e+308`).
pub fn write(f: f64, out: &mut String) {
    if f.is_nan() {
        return out.push_str("NaN");
    }
    if f < 0.0 {
        out.push('-');
    }
    let a = f.abs();
    if a == f64::INFINITY {
        out.push_str("Infinity");
    } else if a < (1u64 << 53) as f64 && a as u64 as f64 == a {
        // Below 2^53 neighbouring doubles are at most 1 apart, so a whole number's own digits
        // are already the shortest that read back.
        put(a as u64, 0, out);
    } else {
        // Short decimals: while a·10^k < 2^51, decimals with k places lie further apart than
        // the doubles around `a`, so at most one reads back as `a`, and rounding a·10^k finds
        // it. The first k for which it reads back (Clinger's exact division) is the shortest.
        for (k, p) in POW10.iter().enumerate().skip(1) {
            let r = a * p;
            if r >= (1u64 << 51) as f64 {
                break;
            }
            let v = (r + 0.5) as u64;
            if v as f64 / p == a {
                return put(v, -(k as i64), out);
            }
        }
        shortest(a, out);
    }
}

/// Writes a positive finite double with the fewest significant digits that read back as it.
fn shortest(a: f64, out: &mut String) {
    // a = m·2^e exactly, a whole number times a power of ten: (m·2^e)·10^0 or (m·5^-e)·10^e.
    let b = a.to_bits();
    let (m, e) = split(b);
    let mut exact = Big::new(m);
    if e > 0 {
        exact.shl(e as u64);
    } else {
        exact.mul_pow5(e.unsigned_abs());
    }
    let mut digits = exact.digits();
    // 10^(n-1) <= a < 10^n.
    let n = digits.len() as i64 + e.min(0);
    while digits.last() == Some(&0) {
        digits.pop();
    }
    // Of the p-digit numbers that read back as `a` (an interval around it), the nearest is one
    // of the two around `a`: the nearer (half to even) when it reads back, else the other.
    // Each side needs one exact test; 17 digits always read back.
    let candidate = |p: usize| {
        let t = (0..p).fold(0, |t, i| t * 10 + digits.get(i).map_or(0, |&d| d as u64));
        let next = digits.get(p).copied().unwrap_or(0);
        let up = next > 5 || (next == 5 && (digits.len() > p + 1 || t % 2 == 1));
        let q = n - p as i64;
        // t is at most `a`: it reads back if it rounds above the double below `a`. t + 1 is
        // above `a`: it reads back if it does not round above `a`.
        let reads_back = |c: u64| {
            if c > t {
                !above(&Big::new(c), q, b)
            } else {
                above(&Big::new(c), q, b - 1)
            }
        };
        [t + up as u64, t + !up as u64]
            .into_iter()
            .find(|&c| p == 17 || reads_back(c))
            .map(|c| (c, q))
    };
    // A p-digit number that reads back is also a (p+1)-digit one, so bisect for the fewest.
    let (mut lo, mut hi, mut best) = (0, 17, candidate(17));
    while hi - lo > 1 {
        let mid = (lo + hi) / 2;
        match candidate(mid) {
            Some(c) => (hi, best) = (mid, Some(c)),
            None => lo = mid,
        }
    }
    if let Some((c, q)) = best {
        put(c, q, out);
    }
}

/// Writes v·10^shift by ECMA-262's Number::toString rules.
fn put(v: u64, shift: i64, out: &mut String) {
    let mut buf = [0; 20];
    let mut d = ascii(v, &mut buf);
    // 10^(n-1) <= v·10^shift < 10^n (for v > 0); then only significant digits are kept.
    let n = d.len() as i64 + shift;
    while let [rest @ .., b'0'] = d {
        d = rest;
    }
    let k = d.len() as i64;
    if 0 < n && n <= 21 {
        let (int, frac) = d.split_at_checked(n.min(k) as usize).unwrap_or_default();
        push(out, int);
        (k..n).for_each(|_| out.push('0'));
        if !frac.is_empty() {
            out.push('.');
            push(out, frac);
        }
    } else if -6 < n && n <= 0 {
        out.push_str("0.");
        (n..0).for_each(|_| out.push('0'));
        push(out, d);
    } else {
        let (first, rest) = d.split_at_checked(1).unwrap_or_default();
        push(out, first);
        if !rest.is_empty() {
            out.push('.');
            push(out, rest);
        }
        out.push_str(if n > 0 { "e+" } else { "e-" });
        push(out, ascii((n - 1).unsigned_abs(), &mut [0; 20]));
    }
}

/// The decimal digits of `v` as ASCII, placed at the end of `buf` (20 bytes hold any u64).
fn ascii(mut v: u64, buf: &mut [u8; 20]) -> &[u8] {
    let mut len = 0;
    for slot in buf.iter_mut().rev() {
        *slot = b'0' + (v % 10) as u8;
        v /= 10;
        len += 1;
        if v == 0 {
            break;
        }
    }
    buf.get(20 - len..).unwrap_or_default()
}

fn push(out: &mut String, ascii: &[u8]) {
    out.extend(ascii.iter().map(|&c| char::from(c)));
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn std_parse(s: &str) -> f64 {
        s.parse().unwrap()
    }

    fn check_parse(s: &str) {
        assert_eq!(parse(s).to_bits(), std_parse(s).to_bits(), "parse({s})");
    }

    fn js(f: f64) -> String {
        let mut s = String::new();
        write(f, &mut s);
        s
    }

    /// The exact decimal text of the midpoint between the doubles with bits `b` and `b + 1`.
    fn midpoint_text(b: u64) -> String {
        let ((m1, e1), (m2, e2)) = (split(b), split(b + 1));
        let e = e1.min(e2);
        let mut big = Big::new((m1 << (e1 - e)) + (m2 << (e2 - e)));
        let q = e - 1;
        if q >= 0 {
            big.shl(q as u64);
        } else {
            big.mul_pow5(q.unsigned_abs());
        }
        let digits: String = big.digits().iter().map(|&d| char::from(b'0' + d)).collect();
        format!("{digits}e{}", q.min(0))
    }

    #[test]
    fn parse_tricky_cases() {
        let zeros = "0".repeat(1000);
        let long: String = "1234567890".repeat(80);
        let owned = [
            format!("0.{zeros}1"),
            format!("-0.{zeros}1e1001"),
            format!("1{zeros}"),
            format!("1{zeros}e-1000"),
            format!("1{zeros}e-1300"),
            format!("0.{zeros}1e-300"),
            long.clone(),
            format!("0.{long}"),
            format!("{long}e-1100"),
            format!("{long}e-1130"),
            format!("{long}e-500"),
            format!("{long}e-700"),
            format!("{long}e-1000"),
            format!("1.{long}{zeros}"),
            format!("9.{}e307", "9".repeat(900)),
            format!("1.{}1e0", "0".repeat(900)),
            format!("0.{zeros}e999999999"),
            midpoint_text(0),
            midpoint_text(1),
            midpoint_text(0x000F_FFFF_FFFF_FFFF),
            midpoint_text(0x0010_0000_0000_0000),
            midpoint_text(0x7FEF_FFFF_FFFF_FFFF),
            midpoint_text(0x7FEF_FFFF_FFFF_FFFE),
            midpoint_text(1.0f64.to_bits()),
            midpoint_text(1.0f64.to_bits() - 1),
        ];
        let fixed = [
            "0",
            "-0",
            "0.0",
            "-0.000",
            "0e10",
            "0e-999999999",
            "1",
            "-1",
            "0.1",
            "-0.1",
            "1.5",
            "12.5",
            "4.35",
            "1733560000123",
            "1e22",
            "1e-22",
            "1e23",
            "1e-23",
            "9007199254740992",
            "9007199254740993",
            "9007199254740994",
            "9007199254740995",
            "18014398509481993",
            "9223372036854775807",
            "18446744073709551615",
            "18446744073709551616",
            "99999999999999999999",
            "2.2250738585072011e-308",
            "2.2250738585072012e-308",
            "2.2250738585072014e-308",
            "2.225073858507201e-308",
            "4.9e-324",
            "5e-324",
            "2.4703282292062327e-324",
            "2.4703282292062328e-324",
            "1e-323",
            "1e-324",
            "3e-324",
            "7.4e-324",
            "7.5e-324",
            "1.7976931348623157e308",
            "1.7976931348623158e308",
            "1.7976931348623159e308",
            "-1.7976931348623159e308",
            "1e308",
            "1e309",
            "1e310",
            "123456789012345678901234567890",
            "0.30000000000000004",
            "0.1e1",
            "1E5",
            "1e+5",
            "1e400",
            "-1e400",
            "1e-400",
            "-1e-400",
            "1e999999999",
            "-1e-999999999",
            "1e99999999999999999999999999",
            "1e-99999999999999999999999999",
            "7.2057594037927933e16",
            "8.98846567431158e307",
            "4.4501477170144023e-308",
            "1.00000000000000011102230246251565404236316680908203125",
            "1.00000000000000011102230246251565404236316680908203124",
            "1.00000000000000011102230246251565404236316680908203126",
            "123456789e-22",
            "9007199254740991e22",
            "9007199254740993e-22",
        ];
        for s in owned.iter().map(String::as_str).chain(fixed) {
            check_parse(s);
        }
        assert_eq!(parse("-0").to_bits(), (-0.0f64).to_bits());
        assert_eq!(parse("-1e-400").to_bits(), (-0.0f64).to_bits());
        assert_eq!(parse("-1e400"), f64::NEG_INFINITY);
    }

    #[test]
    fn parse_is_total() {
        for s in [
            "", "-", ".", "e", "-e5", "1e", "abc", "1.2.3", "--1", "1e-", "\u{e9}9", "9e9x9",
        ] {
            parse(s);
        }
    }

    #[test]
    fn parse_binade_edges() {
        // Where the gap between doubles doubles, and around subnormals: each midpoint, and
        // numbers a hair above and below it, also with the difference beyond the 800th digit.
        for exp in 0..2047u64 {
            for frac in [0, 1, (1 << 52) - 1] {
                let mid = midpoint_text(exp << 52 | frac);
                let (digits, e) = mid.split_once('e').unwrap();
                let e: i64 = e.parse().unwrap();
                let (last, init) = digits.as_bytes().split_last().unwrap();
                check_parse(&mid);
                check_parse(&format!("{digits}1e{}", e - 1));
                let below = format!("{}{}9", &digits[..init.len()], char::from(last - 1));
                if *last > b'0' {
                    check_parse(&format!("{below}e{}", e - 1));
                }
                // Slow in debug builds, so for a sample of binades.
                if exp % 8 == 0 || exp > 2040 {
                    check_parse(&format!("{digits}{}1e{}", "0".repeat(800), e - 801));
                    if *last > b'0' {
                        check_parse(&format!("{below}{}e{}", "9".repeat(800), e - 801));
                    }
                }
            }
        }
    }

    #[test]
    fn write_javascript_cases() {
        let cases: &[(f64, &str)] = &[
            (0.0, "0"),
            (-0.0, "0"),
            (1.0, "1"),
            (-7.0, "-7"),
            (0.1, "0.1"),
            (0.5, "0.5"),
            (1.5, "1.5"),
            (1e21, "1e+21"),
            (1.5e21, "1.5e+21"),
            (1e20, "100000000000000000000"),
            (123456789012345678901.0, "123456789012345680000"),
            (1e-6, "0.000001"),
            (1e-7, "1e-7"),
            (1.5e-7, "1.5e-7"),
            (-1e-7, "-1e-7"),
            (5e-324, "5e-324"),
            (-2.5e-300, "-2.5e-300"),
            (1.7976931348623157e308, "1.7976931348623157e+308"),
            (0.30000000000000004, "0.30000000000000004"),
            (9007199254740992.0, "9007199254740992"),
            (9007199254740991.0, "9007199254740991"),
            (4.35, "4.35"),
            (0.000001234, "0.000001234"),
            (1234.5678, "1234.5678"),
            (123.456, "123.456"),
            (100.0, "100"),
            (1e300, "1e+300"),
            (1733560000123.0, "1733560000123"),
            (u64::MAX as f64, "18446744073709552000"),
            (f64::from_bits(0xC304_67DA_A453_D172), "-717961036462638.2"),
            (f64::NAN, "NaN"),
            (f64::INFINITY, "Infinity"),
            (f64::NEG_INFINITY, "-Infinity"),
        ];
        for &(f, text) in cases {
            assert_eq!(js(f), text, "String({f:e})");
        }
    }

    /// JavaScript's layout of Rust's shortest digits, built from Rust's `{:e}` text.
    fn js_layout_of_rust(f: f64) -> String {
        if f == 0.0 {
            return "0".into();
        }
        let sci = format!("{:e}", f.abs());
        let (mantissa, exp) = sci.split_once('e').unwrap();
        let digits = mantissa.replace('.', "");
        let k = digits.len() as i64;
        let n = exp.parse::<i64>().unwrap() + 1;
        let sign = if f < 0.0 { "-" } else { "" };
        let body = if k <= n && n <= 21 {
            format!("{digits}{}", "0".repeat((n - k) as usize))
        } else if 0 < n && n <= 21 {
            format!("{}.{}", &digits[..n as usize], &digits[n as usize..])
        } else if -6 < n && n <= 0 {
            format!("0.{}{digits}", "0".repeat(-n as usize))
        } else {
            let e = n - 1;
            let point = if k > 1 {
                format!(".{}", &digits[1..])
            } else {
                String::new()
            };
            format!(
                "{}{point}e{}{e}",
                &digits[..1],
                if e > 0 { "+" } else { "" }
            )
        };
        format!("{sign}{body}")
    }

    fn check_write(f: f64) {
        let text = js(f);
        let back = std_parse(&text);
        if f == 0.0 {
            assert_eq!(text, "0");
        } else {
            assert_eq!(
                back.to_bits(),
                f.to_bits(),
                "{text} does not read back as {f:e}"
            );
        }
        assert_eq!(
            parse(&text).to_bits(),
            back.to_bits(),
            "own parse of {text}"
        );
        let want = js_layout_of_rust(f);
        let sig = |s: &str| {
            let m = s.split('e').next().unwrap().replace(['-', '.'], "");
            m.trim_start_matches('0').trim_end_matches('0').len()
        };
        assert_eq!(sig(&text), sig(&want), "{text} vs shortest {want}");
        if text != want {
            // Rust breaks an exact tie between two closest shortest forms upwards; JavaScript
            // takes the even one. Then the exact value has one more digit, a 5.
            let (m, e) = split(f.abs().to_bits());
            let mut exact = Big::new(m);
            if e > 0 {
                exact.shl(e as u64);
            } else {
                exact.mul_pow5(e.unsigned_abs());
            }
            let mut exact = exact.digits();
            while exact.last() == Some(&0) {
                exact.pop();
            }
            let last = text.split('e').next().unwrap().bytes().last().unwrap();
            let tie = exact.len() == sig(&text) + 1 && exact.last() == Some(&5);
            assert!(tie && last.is_multiple_of(2), "{text} vs shortest {want}");
        }
    }

    #[test]
    fn write_binade_edges() {
        for exp in 0..2047u64 {
            for frac in [0, 1, 2, (1 << 52) - 2, (1 << 52) - 1] {
                check_write(f64::from_bits(exp << 52 | frac));
            }
        }
        for i in 0..100_000 {
            check_write(i as f64 / 1000.0);
            check_write(i as f64 * 1e17);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(10_000))]

        #[test]
        fn parse_reads_rust_output(bits in any::<u64>()) {
            let f = f64::from_bits(bits);
            prop_assume!(f.is_finite());
            for text in [format!("{f}"), format!("{f:e}")] {
                prop_assert_eq!(parse(&text).to_bits(), bits, "{}", text);
            }
        }

        #[test]
        fn parse_agrees_with_std(
            int in "-?(0|[1-9][0-9]{0,39})",
            frac in proptest::option::of("[0-9]{1,40}"),
            exp in proptest::option::of(-350i32..350),
        ) {
            let mut text = int;
            if let Some(frac) = frac {
                text = format!("{text}.{frac}");
            }
            if let Some(exp) = exp {
                text = format!("{text}e{exp}");
            }
            prop_assert_eq!(parse(&text).to_bits(), std_parse(&text).to_bits(), "{}", text);
        }

        #[test]
        fn parse_near_midpoints(bits in 0..INF, cut in 1usize..30, bump in 0u8..3) {
            // The midpoint itself, cut short, or cut short and nudged: all close to a boundary.
            let mid = midpoint_text(bits);
            let (digits, e) = mid.split_once('e').unwrap();
            let cut = cut.min(digits.len());
            let e = e.parse::<i64>().unwrap() + (digits.len() - cut) as i64;
            let text = match bump {
                0 => mid.clone(),
                1 => format!("{}e{e}", &digits[..cut]),
                _ => format!("{}9e{}", &digits[..cut], e - 1),
            };
            prop_assert_eq!(parse(&text).to_bits(), std_parse(&text).to_bits(), "{}", text);
        }

        #[test]
        fn write_is_shortest_and_laid_out_as_javascript(bits in any::<u64>()) {
            let f = f64::from_bits(bits);
            prop_assume!(f.is_finite());
            check_write(f);
        }

        #[test]
        fn write_everyday_magnitudes(digits in "[1-9][0-9]{0,16}", exp in -30i32..30) {
            check_write(std_parse(&format!("{digits}e{exp}")));
        }

        #[test]
        fn write_short_decimals(n in -100_000_000i64..100_000_000, scale in 0usize..12) {
            check_write(n as f64 / POW10[scale]);
        }
    }
}
