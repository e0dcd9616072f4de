//! `complaint_reply_share`: of the complaints in customers' messages to a brand, the share the brand answered.
//!
//! # Method
//!
//! 1. The input is the run's conversation messages (comments, mentions, support messages: protocol 2, asked
//!    for with `message.text` and `message.answered`), the customers' messages only; the host has already
//!    matched each with the brand's replies.
//! 2. A customer's message is a **complaint** when its text contains a word of the complaint lexicon,
//!    `plugins/food/complaints.toml` ([`complaint_words`]: zh-Hant, zh-Hans and English; its header says how
//!    words match). Matching ignores case; English words must stand as whole words, Chinese ones match anywhere.
//! 3. A complaint is **answered** when its brand replied to it (`answered`, from the host's reply matching: the
//!    first reply by the message's own brand that answers it directly).
//! 4. Value = answered complaints ÷ complaints, per brand; the client's row is compared with the competitors'
//!    like every comparison.
//!
//! A brand posts no complaints about itself, so posts are not read: without a conversation export the figure is
//! missing and the note says which export would give it. The lexicon is deliberately narrow, so the complaint
//! count is a floor and a fair basis for comparing brands. The Sprout Social Index's all-industry response
//! figures (in [`crate::benchmarks`]) are the context.

use std::sync::LazyLock;

use chuxin_plugin_api::support::{KeywordCounts, find_keywords, messages_by_brand, plural};
use chuxin_plugin_api::{CompareInput, CompareOutput, CompareRow, ComparisonInfo, LocalText, MessageRecord};

/// The comparison's id.
pub const ID: &str = "complaint_reply_share";

/// The complaint lexicon, as data.
pub const LEXICON_TOML: &str = include_str!("../complaints.toml");

#[derive(serde::Deserialize)]
struct Lexicon {
    #[serde(rename = "zh-Hant")]
    zh_hant: Vec<String>,
    #[serde(rename = "zh-Hans")]
    zh_hans: Vec<String>,
    en: Vec<String>,
}

static WORDS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let lexicon: Lexicon = toml::from_str(LEXICON_TOML).expect("complaints.toml is checked by the tests");
    let mut words: Vec<&'static str> = Vec::new();
    for word in lexicon.zh_hant.into_iter().chain(lexicon.zh_hans).chain(lexicon.en) {
        // Words written alike in both Chinese scripts are listed in both; match each once.
        if !words.contains(&word.as_str()) {
            words.push(Box::leak(word.into_boxed_str()));
        }
    }
    words
});

/// The complaint words of every script, each once, in the lexicon's order.
pub fn complaint_words() -> &'static [&'static str] {
    &WORDS
}

fn title() -> LocalText {
    LocalText::new("客訴回覆率", "投诉回复率", "Reply share on complaints")
}

fn method() -> LocalText {
    LocalText::new(
        "顧客留言、評論或提及的內文含有客訴用語（食物品質、衛生、身體不適、外送與服務失誤、退款；繁簡中英詞表見外掛的 complaints.toml）即視為客訴；品牌有回覆該則留言即視為已回覆（依 chuxin 的回覆配對）。回覆率 = 已回覆客訴 ÷ 客訴。詞表刻意從嚴，只抓明確的客訴。",
        "顾客留言、评论或提及的正文含有投诉用语（食品质量、卫生、身体不适、外卖与服务失误、退款；繁简中英词表见插件的 complaints.toml）即视为投诉；品牌回复了这条留言即视为已回复（按 chuxin 的回复配对）。回复率 = 已回复投诉 ÷ 投诉。词表刻意从严，只抓明确的投诉。",
        "A customer's comment, message or mention is a complaint when its text contains complaint wording (food quality, hygiene, illness, delivery and service failures, refunds; the Chinese and English lexicon is the plugin's complaints.toml); it is answered when the brand replied to it (chuxin's reply matching). Reply share = answered complaints ÷ complaints. The lexicon is deliberately strict and finds only clear complaints.",
    )
}

/// Describes the comparison for the `comparisons` method.
pub fn info() -> ComparisonInfo {
    ComparisonInfo {
        id: ID.to_owned(),
        title: title(),
        description: LocalText::new(
            "每個品牌在社群上收到的顧客留言中,明確客訴有多少得到品牌回覆。餐飲的口碑取決於出錯之後怎麼處理。",
            "每个品牌在社媒上收到的顾客留言中,明确投诉有多少得到品牌回复。餐饮的口碑取决于出错之后怎么处理。",
            "Of the clear complaints in customers' messages to each brand on social media, the share the brand answered. In food service, reputation depends on what happens after something goes wrong.",
        ),
        unit: "fraction".to_owned(),
        needs: ["message.text", "message.answered"].map(str::to_owned).to_vec(),
    }
}

/// Runs the comparison.
pub fn compare(input: &CompareInput) -> CompareOutput {
    let rows = messages_by_brand(input)
        .into_iter()
        .map(|group| {
            let (value, complaints, mut notes) = brand_share(&group.messages);
            if group.client && input.messages_left_out > 0 {
                notes.push(format!(
                    "{} message{} beyond the request's size cap left out",
                    input.messages_left_out,
                    plural(input.messages_left_out as usize)
                ));
            }
            CompareRow {
                brand: group.brand.to_owned(),
                value,
                posts: complaints,
                client: group.client,
                note: (!notes.is_empty()).then(|| notes.join("; ")),
            }
        })
        .collect();
    info()
        .output(method(), rows)
        .counting(LocalText::new("客訴則數", "投诉条数", "Complaints"))
}

/// One brand's share: (value, complaints, notes).
fn brand_share(messages: &[&MessageRecord]) -> (Option<f64>, usize, Vec<String>) {
    let inbound: Vec<_> = messages.iter().filter(|m| !m.from_brand).collect();
    if inbound.is_empty() {
        return (
            None,
            0,
            vec!["no customer messages: a conversation export (comments, mentions or support messages) gives this figure".into()],
        );
    }
    let (mut complaints, mut answered, mut unknown) = (0usize, 0usize, 0usize);
    let mut counts = KeywordCounts::default();
    for message in &inbound {
        let found = find_keywords(message.text.as_deref().unwrap_or_default(), complaint_words());
        if found.is_empty() {
            continue;
        }
        match message.answered {
            Some(yes) => {
                complaints += 1;
                answered += usize::from(yes);
            }
            None => unknown += 1,
        }
        counts.add(found);
    }
    let mut notes = vec![format!(
        "{complaints} complaint{} among {} customer message{}",
        plural(complaints),
        inbound.len(),
        plural(inbound.len())
    )];
    if let Some(top) = counts.most_frequent(3) {
        notes.push(format!("most frequent wording: {top}"));
    }
    if unknown > 0 {
        notes.push(format!(
            "{unknown} complaint{} left out: not matched with replies",
            plural(unknown)
        ));
    }
    let value = (complaints > 0).then(|| answered as f64 / complaints as f64);
    (value, complaints, notes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(brand: &str, text: &str, answered: bool) -> MessageRecord {
        MessageRecord {
            brand: brand.into(),
            text: Some(text.into()),
            answered: Some(answered),
            ..MessageRecord::default()
        }
    }

    fn run(messages: Vec<MessageRecord>) -> Vec<CompareRow> {
        compare(&CompareInput {
            comparison: ID.into(),
            client_brand: "Noodle Bar".into(),
            messages,
            ..CompareInput::default()
        })
        .rows
    }

    #[test]
    fn share_of_complaints_the_brand_answered() {
        // Noodle Bar: 5 customer messages, 4 with complaint wording (冷掉+漏送, 拉肚子+退款, arrived cold +
        // refund, 吃到头发), of which 2 answered: 2 ÷ 4. The brand's own reply is not a customer message.
        // Rival Ramen: "raw" is not a complaint word and `strawberry` holds no whole word of the list; 1
        // complaint (rude), unanswered: 0 ÷ 1.
        let mut reply = message("Noodle Bar", "抱歉,我們馬上退款", true);
        reply.from_brand = true;
        reply.answered = None;
        let rows = run(vec![
            message("Noodle Bar", "湯頭很棒!", false),
            message("Noodle Bar", "外送冷掉了,而且漏送一份", true),
            message("Noodle Bar", "吃完拉肚子,要求退款", false),
            message(
                "Noodle Bar",
                "Food arrived cold and the order was wrong. Refund please",
                true,
            ),
            message("Noodle Bar", "吃到头发", false),
            reply,
            message("Rival Ramen", "The strawberry dessert was raw-ly amazing", false),
            message("Rival Ramen", "Staff were rude", false),
        ]);
        let got: Vec<_> = rows
            .iter()
            .map(|r| (r.brand.as_str(), r.client, r.value, r.posts))
            .collect();
        assert_eq!(
            got,
            [("Noodle Bar", true, Some(0.5), 4), ("Rival Ramen", false, Some(0.0), 1)]
        );
        assert_eq!(
            rows[0].note.as_deref(),
            Some(
                "4 complaints among 5 customer messages; most frequent wording: arrived cold (1), refund (1), 冷掉 (1)"
            )
        );
    }

    #[test]
    fn without_messages_the_figure_is_missing_and_the_note_names_the_export() {
        let rows = run(Vec::new());
        assert_eq!((rows.len(), rows[0].value), (1, None));
        assert!(rows[0].note.as_deref().unwrap().contains("conversation export"));
        // Customer messages without a complaint: no figure, and the note says how many were read.
        let rows = run(vec![message("Noodle Bar", "好喝", true)]);
        assert_eq!(rows[0].value, None);
        assert_eq!(rows[0].note.as_deref(), Some("0 complaints among 1 customer message"));
    }

    #[test]
    fn the_comparison_asks_for_the_messages_text_and_answer_only() {
        assert_eq!(info().needs, ["message.text", "message.answered"]);
    }

    #[test]
    fn the_lexicon_lists_each_word_once_a_script() {
        let lexicon: Lexicon = toml::from_str(LEXICON_TOML).unwrap();
        for list in [&lexicon.zh_hant, &lexicon.zh_hans, &lexicon.en] {
            let mut seen = std::collections::HashSet::new();
            for word in list {
                assert!(!word.trim().is_empty());
                assert!(seen.insert(word.to_lowercase()), "duplicate word {word}");
            }
        }
        // Chinese words are at least two characters, so that one character never matches a longer word.
        assert!(
            lexicon
                .zh_hant
                .iter()
                .chain(&lexicon.zh_hans)
                .all(|w| w.chars().count() >= 2)
        );
        assert!(complaint_words().contains(&"退款") && complaint_words().contains(&"arrived cold"));
    }
}
