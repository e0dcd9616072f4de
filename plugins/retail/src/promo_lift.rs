//! `promo_lift`: how much more (or less) engagement a brand's promotional posts earn than its organic ones.
//!
//! # Method
//!
//! 1. Only posts marked promotional or organic (`promotional` is `true` or `false`) with at least one of likes,
//!    comments, shares are used; engagement is likes + comments + shares.
//! 2. Posts are compared **within a platform**, because engagement levels differ by an order of magnitude between
//!    platforms. On a platform where every used post has a follower count, a post's figure is its engagement rate
//!    (engagement ÷ followers); otherwise it is its raw engagement.
//! 3. On each platform with at least one promotional and one organic post (and organic engagement above zero):
//!    lift = mean(promotional) ÷ mean(organic) − 1.
//! 4. The brand's value is the mean of its platform lifts, weighted by the number of posts used on each platform.
//!
//! A value of `0.25` means promotional posts earn 25% more engagement than organic ones; `-0.4` means 40% less.
//! A negative lift with a high promotional share is the pattern of the "discount noticeboard" rule.

use chuxin_plugin_api::support::{BrandFigure, plural, rows_by_brand};
use chuxin_plugin_api::{CompareInput, CompareOutput, ComparisonInfo, LocalText, PostRecord};

/// The comparison's id.
pub const ID: &str = "promo_lift";

/// Below this many posts in either group, a row carries a small-sample warning.
const SMALL_SAMPLE: usize = 5;

fn title() -> LocalText {
    LocalText::new(
        "促銷貼文互動提升",
        "促销内容互动提升",
        "Engagement lift of promotional posts",
    )
}

fn method() -> LocalText {
    LocalText::new(
        "只計入已標記促銷或非促銷、且有按讚、留言、分享數的貼文;互動 = 按讚 + 留言 + 分享。同一平台內比較:若該平台每則貼文都有粉絲數,用互動率(互動 ÷ 粉絲),否則用互動數。各平台提升 = 促銷貼文平均 ÷ 非促銷貼文平均 − 1,再依各平台貼文數加權平均。0.25 代表促銷貼文多 25% 互動。",
        "只计入已标记促销或非促销、且有点赞、评论、转发数的内容;互动 = 点赞 + 评论 + 转发。同一平台内比较:如果该平台每条内容都有粉丝数,用互动率(互动 ÷ 粉丝),否则用互动数。各平台提升 = 促销内容平均 ÷ 非促销内容平均 − 1,再按各平台内容数加权平均。0.25 表示促销内容多 25% 互动。",
        "Only posts marked promotional or organic, with likes, comments or shares, are used; engagement = likes + comments + shares. Posts are compared within each platform: by engagement rate (engagement ÷ followers) where every post there has a follower count, by raw engagement otherwise. Platform lift = mean of promotional posts ÷ mean of organic posts − 1; the brand's figure is the mean of its platform lifts weighted by posts. 0.25 means promotional posts earn 25% more engagement.",
    )
}

/// Describes the comparison for the `comparisons` method.
pub fn info() -> ComparisonInfo {
    ComparisonInfo {
        id: ID.to_owned(),
        title: title(),
        description: LocalText::new(
            "每個品牌的促銷貼文比非促銷貼文多(或少)多少互動。促銷比例高、提升卻是負數,代表粉絲已對折扣疲乏。",
            "每个品牌的促销内容比非促销内容多(或少)多少互动。促销比例高、提升却是负数,说明粉丝已对折扣疲劳。",
            "How much more (or less) engagement each brand's promotional posts earn than its organic ones. A high promotional share with a negative lift means followers have tired of discounts.",
        ),
        unit: "fraction".to_owned(),
        needs: ["platform", "promotional", "likes", "comments", "shares", "followers"]
            .map(str::to_owned)
            .to_vec(),
    }
}

/// Runs the comparison.
pub fn compare(input: &CompareInput) -> CompareOutput {
    info().output(method(), rows_by_brand(input, brand_lift))
}

/// One platform's classified posts, with their engagement.
struct Platform<'a> {
    name: &'a str,
    posts: Vec<(&'a PostRecord, f64)>,
}

fn brand_lift(posts: &[&PostRecord]) -> BrandFigure {
    let mut platforms: Vec<Platform<'_>> = Vec::new();
    let mut unclassified = 0;
    for post in posts {
        let (Some(_), Some(engagement)) = (post.promotional, post.engagements()) else {
            unclassified += 1;
            continue;
        };
        let name = post.platform.trim();
        match platforms.iter_mut().find(|p| p.name == name) {
            Some(platform) => platform.posts.push((post, engagement)),
            None => platforms.push(Platform {
                name,
                posts: vec![(post, engagement)],
            }),
        }
    }
    let mut weighted = 0.0;
    let mut weight = 0.0;
    let mut used = 0;
    let (mut promo_n, mut organic_n) = (0, 0);
    for platform in &platforms {
        let by_rate = platform.posts.iter().all(|(p, _)| p.followers.is_some_and(|f| f > 0.0));
        let figure = |(post, engagement): &(&PostRecord, f64)| {
            if by_rate {
                engagement / post.followers.unwrap_or(1.0)
            } else {
                *engagement
            }
        };
        let figures = |promotional: bool| -> Vec<f64> {
            platform
                .posts
                .iter()
                .filter(|(p, _)| p.promotional == Some(promotional))
                .map(figure)
                .collect()
        };
        let (promo, organic) = (figures(true), figures(false));
        let organic_mean = mean(&organic);
        if promo.is_empty() || organic.is_empty() || organic_mean <= 0.0 {
            continue;
        }
        let n = (promo.len() + organic.len()) as f64;
        weighted += (mean(&promo) / organic_mean - 1.0) * n;
        weight += n;
        used += promo.len() + organic.len();
        promo_n += promo.len();
        organic_n += organic.len();
    }
    let mut notes = Vec::new();
    let value = if weight > 0.0 {
        Some(weighted / weight)
    } else {
        notes.push("no platform with both promotional and organic posts".to_owned());
        None
    };
    if value.is_some() && (promo_n < SMALL_SAMPLE || organic_n < SMALL_SAMPLE) {
        notes.push(format!(
            "small sample: {promo_n} promotional and {organic_n} organic posts"
        ));
    }
    if unclassified > 0 {
        notes.push(format!(
            "{unclassified} post{} left out (not marked promotional or organic, or no engagement figures)",
            plural(unclassified)
        ));
    }
    BrandFigure {
        value,
        posts: used,
        notes,
    }
}

fn mean(values: &[f64]) -> f64 {
    if values.is_empty() {
        0.0
    } else {
        values.iter().sum::<f64>() / values.len() as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chuxin_plugin_api::CompareRow;

    fn post(brand: &str, platform: &str, promotional: Option<bool>, likes: f64, followers: Option<f64>) -> PostRecord {
        PostRecord {
            brand: brand.into(),
            platform: platform.into(),
            promotional,
            likes: Some(likes),
            followers,
            ..PostRecord::default()
        }
    }

    fn run(client: &str, posts: Vec<PostRecord>) -> Vec<CompareRow> {
        compare(&CompareInput {
            comparison: ID.into(),
            client_brand: client.into(),
            posts,
            ..CompareInput::default()
        })
        .rows
    }

    #[test]
    fn lift_is_promotional_over_organic_minus_one() {
        let mut posts = Vec::new();
        for _ in 0..5 {
            posts.push(post("A", "instagram", Some(true), 150.0, None));
            posts.push(post("A", "instagram", Some(false), 100.0, None));
        }
        let rows = run("A", posts);
        assert_eq!(rows.len(), 1);
        assert!((rows[0].value.unwrap() - 0.5).abs() < 1e-12);
        assert_eq!(
            (rows[0].posts, rows[0].client, rows[0].note.as_deref()),
            (10, true, None)
        );
    }

    #[test]
    fn platforms_are_compared_separately_and_weighted_by_posts() {
        // Facebook: promo 10 vs organic 20 → −0.5 (2 posts). TikTok: promo 3000 vs organic 1000 → +2.0 (2 posts).
        // Pooling the platforms would give a nonsense figure; the weighted mean of platform lifts is 0.75.
        let posts = vec![
            post("B", "facebook", Some(true), 10.0, None),
            post("B", "facebook", Some(false), 20.0, None),
            post("B", "tiktok", Some(true), 3000.0, None),
            post("B", "tiktok", Some(false), 1000.0, None),
        ];
        let rows = run("A", posts);
        assert_eq!(rows[0].brand, "A");
        assert_eq!(rows[0].value, None);
        assert_eq!(rows[1].brand, "B");
        assert!((rows[1].value.unwrap() - 0.75).abs() < 1e-12);
        assert!(rows[1].note.as_deref().unwrap().starts_with("small sample"));
    }

    #[test]
    fn engagement_rate_is_used_when_every_post_has_followers() {
        // Promo: 200 / 20 000 = 1%; organic: 100 / 5 000 = 2% → lift −0.5, though raw likes would say +1.0.
        let posts = vec![
            post("A", "instagram", Some(true), 200.0, Some(20_000.0)),
            post("A", "instagram", Some(false), 100.0, Some(5_000.0)),
        ];
        assert!((run("A", posts)[0].value.unwrap() + 0.5).abs() < 1e-12);
    }

    #[test]
    fn unclassified_posts_are_left_out_and_counted() {
        let posts = vec![post("A", "x", None, 5.0, None), post("A", "x", Some(true), 5.0, None)];
        let row = &run("A", posts)[0];
        assert_eq!(row.value, None);
        assert_eq!(
            row.note.as_deref(),
            Some(
                "no platform with both promotional and organic posts; 1 post left out (not marked promotional or organic, or no engagement figures)"
            )
        );
    }
}
