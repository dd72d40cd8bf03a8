//! A cheap lower bound of the edit distance between two ASCII texts, for "did you mean"
//! searches over thousands of candidates (a rustdoc page's ids, a folder of 10,000 pages): an
//! edit changes the texts' byte counts by at most 2 in all (a substitution takes one byte away
//! and adds one; an insertion or deletion changes one count; a transposition none), so half the
//! difference of the counts never exceeds the distance. Computing it is linear and allocation
//! free, where the distance itself is quadratic. (strsim has no bounded or early-exit variant.)

/// Byte counts of an ASCII text, by their low six bits (merging counts keeps the bound valid).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Counts([u16; 64]);

impl Counts {
    /// The counts of `text`; `None` when it is not ASCII (a character is then several bytes,
    /// and the bound would not hold).
    pub(crate) fn of(text: &str) -> Option<Self> {
        if !text.is_ascii() {
            return None;
        }
        let mut counts = [0u16; 64];
        for byte in text.bytes() {
            let slot = &mut counts[usize::from(byte & 63)];
            *slot = slot.saturating_add(1);
        }
        Some(Self(counts))
    }

    /// A lower bound of the edit distance (Levenshtein or optimal string alignment) between
    /// the two texts.
    pub(crate) fn lower_bound(&self, other: &Self) -> usize {
        let difference: usize = self
            .0
            .iter()
            .zip(&other.0)
            .map(|(a, b)| usize::from(a.abs_diff(*b)))
            .sum();
        difference.div_ceil(2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bound_never_exceeds_the_distance() {
        let words = [
            "",
            "a",
            "ab",
            "ba",
            "abc",
            "method.into_iter",
            "method.iter_into",
            "tymethod.next",
            "impl-From%3CT%3E-for-T",
            "759-806",
            "702-757",
            "index.html",
            "indx.html",
            "about",
        ];
        for a in words {
            for b in words {
                let bound = Counts::of(a).unwrap().lower_bound(&Counts::of(b).unwrap());
                assert!(bound <= strsim::osa_distance(a, b), "{a} {b}");
                assert!(bound <= strsim::levenshtein(a, b), "{a} {b}");
            }
        }
        assert!(Counts::of("é").is_none());
    }
}
