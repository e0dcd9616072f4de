//! `complaint_reply_share`: of the posts or comments that voice a complaint, the share the brand replied to.
//!
//! # Method
//!
//! 1. A record (a post, a comment or a mention about the brand) is a **complaint** when its `text` contains at
//!    least one word of [`COMPLAINT_KEYWORDS`]. Matching ignores case; English keywords must stand as whole
//!    words (so `raw` never matches `strawberry`), Chinese ones match anywhere.
//! 2. A complaint counts as **answered** when `brand_replies` is above zero. Complaints whose `brand_replies` is
//!    missing are left out (the export does not say) and counted in the row's note.
//! 3. Value = answered complaints ÷ complaints with a known reply count, per brand.
//!
//! The keyword list is deliberately narrow (food quality, hygiene, illness, delivery and service failures, refund
//! requests): it finds clear complaints, not every negative remark, so the figure is a floor for the number of
//! complaints and a fair basis for comparing brands.
//!
//! Without inbox data this is the public proxy for a response rate that chuxin's domain reference suggests; the
//! Sprout Social Index's all-industry response figures (in [`crate::benchmarks`]) are the context.

use chuxin_plugin_api::support::{BrandFigure, KeywordCounts, find_keywords, plural, rows_by_brand};
use chuxin_plugin_api::{CompareInput, CompareOutput, ComparisonInfo, LocalText, PostRecord};

/// The comparison's id.
pub const ID: &str = "complaint_reply_share";

/// Complaint wording, in Traditional Chinese, Simplified Chinese (where the characters differ) and English.
pub const COMPLAINT_KEYWORDS: &[&str] = &[
    // complaints and refunds
    "投訴",
    "投诉",
    "客訴",
    "客诉",
    "退款",
    "退錢",
    "退钱",
    // illness
    "食物中毒",
    "拉肚子",
    "腹瀉",
    "腹泻",
    "嘔吐",
    "呕吐",
    "吃壞肚子",
    "吃坏肚子",
    // foreign objects, pests, spoilage
    "異物",
    "异物",
    "吃到頭髮",
    "吃到头发",
    "蟑螂",
    "蒼蠅",
    "苍蝇",
    "發霉",
    "发霉",
    "變質",
    "变质",
    "過期",
    "过期",
    "不新鮮",
    "不新鲜",
    "沒熟",
    "没熟",
    "不衛生",
    "不卫生",
    "難吃",
    "难吃",
    // delivery and service
    "漏送",
    "少送",
    "送錯",
    "送错",
    "冷掉",
    "等太久",
    "態度差",
    "态度差",
    "態度很差",
    "态度很差",
    // English
    "complaint",
    "complain",
    "complained",
    "refund",
    "food poisoning",
    "got sick",
    "made me sick",
    "diarrhea",
    "diarrhoea",
    "vomiting",
    "threw up",
    "undercooked",
    "hair in",
    "cockroach",
    "bug in",
    "fly in",
    "mouldy",
    "moldy",
    "spoiled",
    "stale",
    "expired",
    "wrong order",
    "missing item",
    "missing items",
    "never arrived",
    "arrived cold",
    "rude",
    "disgusting",
];

fn title() -> LocalText {
    LocalText::new("客訴回覆率", "投诉回复率", "Reply share on complaints")
}

fn method() -> LocalText {
    LocalText::new(
        "貼文或留言的內文含有客訴用語(食物品質、衛生、身體不適、外送與服務失誤、退款;中英文詞表見外掛說明)即視為客訴;品牌回覆數大於零即視為已回覆。回覆率 = 已回覆客訴 ÷ 有回覆數資料的客訴。詞表刻意從嚴,只抓明確的客訴。",
        "帖子或评论的正文含有投诉用语(食品质量、卫生、身体不适、外卖与服务失误、退款;中英文词表见插件说明)即视为投诉;品牌回复数大于零即视为已回复。回复率 = 已回复投诉 ÷ 有回复数数据的投诉。词表刻意从严,只抓明确的投诉。",
        "A post or comment is a complaint when its text contains complaint wording (food quality, hygiene, illness, delivery and service failures, refunds; the Chinese and English list is in the plugin's docs); it is answered when the brand's reply count is above zero. Reply share = answered complaints ÷ complaints with a known reply count. The list is deliberately strict and finds only clear complaints.",
    )
}

/// Describes the comparison for the `comparisons` method.
pub fn info() -> ComparisonInfo {
    ComparisonInfo {
        id: ID.to_owned(),
        title: title(),
        description: LocalText::new(
            "每個品牌在社群上收到的明確客訴中,有多少得到品牌回覆。餐飲的口碑取決於出錯之後怎麼處理。",
            "每个品牌在社媒上收到的明确投诉中,有多少得到品牌回复。餐饮的口碑取决于出错之后怎么处理。",
            "Of the clear complaints each brand receives on social media, the share the brand answered. In food service, reputation depends on what happens after something goes wrong.",
        ),
        unit: "fraction".to_owned(),
        needs: ["text", "brand_replies"].map(str::to_owned).to_vec(),
    }
}

/// Runs the comparison.
pub fn compare(input: &CompareInput) -> CompareOutput {
    info().output(method(), rows_by_brand(input, brand_share))
}

fn brand_share(posts: &[&PostRecord]) -> BrandFigure {
    let mut complaints = 0usize;
    let mut answered = 0usize;
    let mut unknown_replies = 0usize;
    let mut with_text = 0usize;
    let mut counts = KeywordCounts::default();
    for post in posts {
        let Some(text) = post.text.as_deref() else {
            continue;
        };
        with_text += 1;
        let found = find_keywords(text, COMPLAINT_KEYWORDS);
        if found.is_empty() {
            continue;
        }
        let Some(replies) = post.brand_replies else {
            unknown_replies += 1;
            continue;
        };
        complaints += 1;
        if replies > 0.0 {
            answered += 1;
        }
        counts.add(found);
    }
    let mut notes = Vec::new();
    let value = if complaints > 0 {
        Some(answered as f64 / complaints as f64)
    } else {
        notes.push(format!(
            "no complaint with a known reply count among {with_text} text{}",
            plural(with_text)
        ));
        None
    };
    if let Some(top) = counts.most_frequent(3) {
        notes.push(format!("most frequent wording: {top}"));
    }
    if unknown_replies > 0 {
        notes.push(format!(
            "{unknown_replies} complaint{} left out: no brand reply count",
            plural(unknown_replies)
        ));
    }
    BrandFigure {
        value,
        posts: complaints,
        notes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chuxin_plugin_api::CompareRow;

    fn record(brand: &str, text: &str, replies: Option<f64>) -> PostRecord {
        PostRecord {
            brand: brand.into(),
            text: Some(text.into()),
            brand_replies: replies,
            ..PostRecord::default()
        }
    }

    fn run(posts: Vec<PostRecord>) -> Vec<CompareRow> {
        compare(&CompareInput {
            comparison: ID.into(),
            client_brand: "Noodle Bar".into(),
            posts,
        })
        .rows
    }

    #[test]
    fn share_of_complaints_with_a_reply() {
        let rows = run(vec![
            record("Noodle Bar", "湯頭很棒!", Some(0.0)),
            record("Noodle Bar", "外送冷掉了,而且漏送一份", Some(1.0)),
            record("Noodle Bar", "吃完拉肚子,要求退款", Some(0.0)),
            record(
                "Noodle Bar",
                "Food arrived cold and the order was wrong. Refund please",
                Some(2.0),
            ),
            record("Noodle Bar", "吃到头发", None),
            record("Rival Ramen", "The strawberry dessert was raw-ly amazing", Some(0.0)),
        ]);
        assert_eq!(rows[0].brand, "Noodle Bar");
        assert!(rows[0].client);
        assert_eq!(rows[0].posts, 3);
        assert!((rows[0].value.unwrap() - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(
            rows[0].note.as_deref(),
            Some(
                "most frequent wording: arrived cold (1), refund (1), 冷掉 (1); 1 complaint left out: no brand reply count"
            )
        );
        assert_eq!(rows[1].value, None);
        assert_eq!(
            rows[1].note.as_deref(),
            Some("no complaint with a known reply count among 1 text")
        );
    }

    #[test]
    fn keywords_are_unique_and_non_empty() {
        let mut seen = std::collections::HashSet::new();
        for k in COMPLAINT_KEYWORDS {
            assert!(!k.trim().is_empty());
            assert!(seen.insert(k.to_lowercase()), "duplicate keyword {k}");
        }
    }
}
