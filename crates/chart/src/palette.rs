//! [`Palette`]: one colour per brand for every chart of a run or a report.
//!
//! Colours are assigned once, from the ordered brand list with the client first: the client always gets the
//! accent colour, each competitor the next colour of a fixed list. Every chart of the run is given the same
//! palette, so a brand keeps its colour in bars, lines and bubbles, whatever else a chart shows. The palette also
//! says which brand is the client, which every chart draws highlighted (full opacity, a darker outline, a bold
//! label).

use plotters::style::RGBColor;

/// The client's colour.
pub(crate) const ACCENT: RGBColor = RGBColor(214, 62, 42);

/// Colours for competitors, in order.
const OTHERS: [RGBColor; 8] = [
    RGBColor(54, 110, 168),
    RGBColor(90, 160, 90),
    RGBColor(150, 110, 190),
    RGBColor(230, 160, 40),
    RGBColor(40, 160, 170),
    RGBColor(140, 100, 70),
    RGBColor(200, 100, 160),
    RGBColor(120, 120, 120),
];

/// The colour of each brand, and which brand is the client.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Palette {
    brands: Vec<String>,
    client: Option<String>,
}

impl Palette {
    /// A palette for `client` (accent colour) and `others` in order (the next colours of the list; a brand named
    /// twice keeps its first colour).
    pub fn new<S: AsRef<str>>(client: Option<&str>, others: impl IntoIterator<Item = S>) -> Palette {
        let mut brands: Vec<String> = client.map(str::to_string).into_iter().collect();
        for b in others {
            if !brands.iter().any(|x| x == b.as_ref()) {
                brands.push(b.as_ref().to_string());
            }
        }
        Palette {
            brands,
            client: client.map(str::to_string),
        }
    }

    /// Whether the palette has no brand (then a chart builds its own from its series and highlight).
    pub fn is_empty(&self) -> bool {
        self.brands.is_empty()
    }

    /// Whether `brand` is one of the palette's brands.
    pub fn contains(&self, brand: &str) -> bool {
        self.brands.iter().any(|b| b == brand)
    }

    /// Whether `brand` is the client.
    pub fn is_client(&self, brand: &str) -> bool {
        self.client.as_deref() == Some(brand)
    }

    /// The client, if the palette names one.
    pub fn client(&self) -> Option<&str> {
        self.client.as_deref()
    }

    /// The brands, client first.
    pub fn brands(&self) -> &[String] {
        &self.brands
    }

    pub(crate) fn rgb(&self, brand: &str) -> RGBColor {
        if self.is_client(brand) {
            return ACCENT;
        }
        let competitors = self.brands.iter().filter(|b| !self.is_client(b));
        match competitors.enumerate().find(|(_, b)| *b == brand) {
            Some((i, _)) => OTHERS[i % OTHERS.len()],
            // A brand the run did not name: a colour from its name, the same in every chart.
            None => {
                let h = brand.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
                    (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
                });
                OTHERS[(h % OTHERS.len() as u64) as usize]
            }
        }
    }

    /// The colour of `brand` as `#rrggbb` (for tables and other charts that should match).
    pub fn hex(&self, brand: &str) -> String {
        let RGBColor(r, g, b) = self.rgb(brand);
        format!("#{r:02X}{g:02X}{b:02X}")
    }

    /// This palette, or (when empty) one built from `highlight` and `names` in order.
    pub(crate) fn or_from<'a>(&self, highlight: Option<&str>, names: impl IntoIterator<Item = &'a str>) -> Palette {
        if self.is_empty() {
            Palette::new(highlight, names)
        } else {
            self.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_client_gets_the_accent_and_competitors_keep_their_order() {
        let p = Palette::new(Some("A"), ["B", "C", "A", "B"]);
        assert_eq!(p.brands(), ["A", "B", "C"]);
        assert_eq!(p.hex("A"), "#D63E2A");
        assert_eq!(p.hex("B"), "#366EA8");
        assert_eq!(p.hex("C"), "#5AA05A");
        assert!(p.is_client("A") && !p.is_client("B"));
        // A palette without a client: competitors still start at the first colour.
        assert_eq!(Palette::new(None, ["B"]).hex("B"), "#366EA8");
        // An unknown brand gets the same colour every time.
        assert_eq!(p.hex("Z"), p.hex("Z"));
    }
}
