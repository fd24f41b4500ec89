//! Behaviour of `sitrep_text::dates` on sentences written for these tests.

use sitrep_model::{DateFrom, PartialDate, Precision};
use sitrep_text::dates::{find_dateline, find_dates, find_dates_anchored, DateMention};

/// Saturday 23 May 2020.
fn p() -> Option<PartialDate> {
    Some(PartialDate::day(2020, 5, 23))
}

fn pd(s: &str) -> PartialDate {
    s.parse().unwrap()
}

/// (covered text, ISO date) of every mention.
fn found(text: &str, published: Option<PartialDate>) -> Vec<(String, String)> {
    let ms = find_dates(text, published);
    check_spans(text, &ms);
    ms.iter()
        .map(|m| (text[m.start..m.end].to_string(), m.date.to_string()))
        .collect()
}

fn check_spans(text: &str, ms: &[DateMention]) {
    let mut last = 0;
    for m in ms {
        assert!(m.start < m.end && m.end <= text.len(), "{m:?}");
        assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        assert!(m.start >= last, "overlap or order: {ms:?}");
        last = m.end;
    }
}

/// The only mention of `text`.
fn one(text: &str, published: Option<PartialDate>) -> DateMention {
    let ms = find_dates(text, published);
    check_spans(text, &ms);
    assert_eq!(ms.len(), 1, "{text:?}: {ms:?}");
    ms.into_iter().next().unwrap()
}

/// Asserts the only mention covers `span` and resolves to `date`.
fn is(text: &str, span: &str, date: &str) -> DateMention {
    let m = one(text, p());
    assert_eq!(&text[m.start..m.end], span, "{text:?}");
    assert_eq!(m.date.to_string(), date, "{text:?}");
    m
}

fn none(text: &str) {
    let ms = find_dates(text, p());
    assert!(ms.is_empty(), "{text:?} should have no date: {ms:?}");
}

#[test]
fn explicit_full_dates() {
    for (t, span) in [
        (
            "The talks opened on December 10, 2019 in Berlin.",
            "December 10, 2019",
        ),
        (
            "The talks opened on 10 December 2019 in Berlin.",
            "10 December 2019",
        ),
        (
            "The talks opened on Dec. 10, 2019 in Berlin.",
            "Dec. 10, 2019",
        ),
        ("The talks opened on Dec 10 2019 in Berlin.", "Dec 10 2019"),
        (
            "The talks opened on the 10th of December, 2019.",
            "10th of December, 2019",
        ),
        (
            "The talks opened on December 10th, 2019.",
            "December 10th, 2019",
        ),
        ("The talks opened on 2019-12-10 in Berlin.", "2019-12-10"),
        (
            "The talks opened on Tuesday, December 10, 2019.",
            "Tuesday, December 10, 2019",
        ),
        ("Talks: 10-11 December 2019.", "10-11 December 2019"),
    ] {
        let m = is(t, span, "2019-12-10");
        assert_eq!(m.precision, Precision::Day);
        assert_eq!(m.from, DateFrom::Explicit);
        assert_eq!(m.note, None);
    }
    is(
        "Fighting resumed on 7 and 8 June 2019.",
        "7 and 8 June 2019",
        "2019-06-07",
    );
    is(
        "A timestamp 2020-05-23T12:30:00Z was logged.",
        "2020-05-23",
        "2020-05-23",
    );
    is(
        "DECEMBER 10, 2019: talks open.",
        "DECEMBER 10, 2019",
        "2019-12-10",
    );
}

#[test]
fn ambiguous_numeric_dates_are_skipped() {
    none("The deal was signed on 10/12/2019 in Rome.");
    none("The deal was signed on 10.12.2019 in Rome.");
}

#[test]
fn month_and_year() {
    let m = is(
        "Haftar launched the offensive in June 2015.",
        "June 2015",
        "2015-06",
    );
    assert_eq!(m.precision, Precision::Month);
    assert_eq!(m.from, DateFrom::Explicit);
    is("It began in April of 2019.", "April of 2019", "2019-04");
    is("It began in Sept. 2019.", "Sept. 2019", "2019-09");
}

#[test]
fn bare_years_need_a_cue() {
    for (t, span, y) in [
        ("The war began in 2011.", "2011", "2011"),
        (
            "Libya has been divided since 2014, officials say.",
            "2014",
            "2014",
        ),
        ("Libya's 2015's agreement collapsed.", "2015's", "2015"),
        (
            "Fighting flared in mid-2019 near the capital.",
            "mid-2019",
            "2019",
        ),
        (
            "Fighting flared in late 2019 near the capital.",
            "late 2019",
            "2019",
        ),
        ("The embargo dates to the end of 2011.", "2011", "2011"),
        ("During 2016 the unity government arrived.", "2016", "2016"),
        ("In 2019 forces advanced on the capital.", "2019", "2019"),
    ] {
        let m = is(t, span, y);
        assert_eq!(m.precision, Precision::Year, "{t}");
        assert_eq!(m.from, DateFrom::Explicit);
    }
    assert_eq!(
        found("The mission ran from 2011 to 2014.", p()),
        [
            ("2011".into(), "2011".into()),
            ("2014".into(), "2014".into())
        ]
    );
    assert_eq!(found("Elections were held in 2019 and 2020.", p()).len(), 2);
    assert_eq!(
        found("It was in 2019-2020 that the front moved.", p()).len(),
        2
    );
}

#[test]
fn numbers_that_are_not_years() {
    none("Some 2,000 fighters were deployed.");
    none("Turkey sent 2000 fighters and 1500 troops.");
    none("A force of 2000 fighters crossed the border.");
    none("A force of 2000 Syrian fighters crossed the border.");
    none("Casualties rose by 2000 people in a month.");
    none("Between 2000 and 2500 fighters were deployed.");
    none("A 2000-strong force advanced.");
    none("UN Security Council Resolution 2259 endorsed the agreement.");
    none("Security Council resolution 2510 (2020) was adopted.");
    none("The rebels fired 2019 rockets.");
    none("Damage in 2000 homes was reported.");
    none("Attacks doubled by 2000%.");
    none("Such raids were common in the 1990s.");
    none("The drone flew at 2100 metres.");
    none("The price was $2019 per unit.");
    none("Prices rose 2019.5 percent.");
}

#[test]
fn yearless_day_and_month() {
    // Saturday 23 May 2020.
    let m = is(
        "The base fell on May 18 after weeks of strikes.",
        "May 18",
        "2020-05-18",
    );
    assert_eq!(m.from, DateFrom::Explicit);
    is(
        "The base fell on 18 May after weeks of strikes.",
        "18 May",
        "2020-05-18",
    );
    is("The base fell on December 10.", "December 10", "2019-12-10");
    // A week of grace for announced dates, then the year before.
    is("Talks are set for May 28.", "May 28", "2020-05-28");
    is("The truce began on June 5.", "June 5", "2019-06-05");
    is("The March 5 attack killed six.", "March 5", "2020-03-05");
    is(
        "It was the evening of May 7 when the shelling began.",
        "May 7",
        "2020-05-07",
    );
    // Leap day: the latest 29 February not after P.
    let m = one("It started on February 29.", Some(pd("2021-01-15")));
    assert_eq!(m.date.to_string(), "2020-02-29");
}

#[test]
fn garbled_month_names() {
    // More than 6 months before P, and the same day of P's month is 3 days before P.
    let m = is(
        "Forces retook the town on November 20.",
        "November 20",
        "2020-05-20",
    );
    assert_eq!(
        m.note.as_deref(),
        Some("month name inconsistent with publication date; read as 2020-05-20")
    );
    // The previous month's day within 10 days of P also counts.
    let m = one(
        "Forces retook the town on September 28.",
        Some(pd("2020-06-03")),
    );
    assert_eq!(m.date.to_string(), "2020-05-28");
    assert!(m.note.is_some());
    // Not corrected: within 6 months of P.
    let m = is(
        "Forces retook the town on January 18.",
        "January 18",
        "2020-01-18",
    );
    assert_eq!(m.note, None);
    // Not corrected: the day in P's month is more than 10 days before P.
    let m = is(
        "Forces retook the town on October 1.",
        "October 1",
        "2019-10-01",
    );
    assert_eq!(m.note, None);
    // Not corrected: the year is written.
    let m = is(
        "Forces retook the town on November 20, 2019.",
        "November 20, 2019",
        "2019-11-20",
    );
    assert_eq!(m.note, None);
}

#[test]
fn bare_months() {
    for (t, span, d) in [
        ("The offensive began in January.", "January", "2020-01"),
        ("The offensive began in December.", "December", "2019-12"),
        ("The offensive began in May.", "May", "2020-05"),
        ("The offensive has lasted since April.", "April", "2020-04"),
        (
            "The offensive began in late January.",
            "late January",
            "2020-01",
        ),
        (
            "The offensive began in mid-January.",
            "mid-January",
            "2020-01",
        ),
        (
            "The offensive began early February.",
            "early February",
            "2020-02",
        ),
        (
            "The offensive began in December last year.",
            "December last year",
            "2019-12",
        ),
        (
            "The offensive began in January of this year.",
            "January of this year",
            "2020-01",
        ),
    ] {
        let m = is(t, span, d);
        assert_eq!(m.precision, Precision::Month, "{t}");
        assert_eq!(m.from, DateFrom::Explicit, "{t}");
    }
    let m = is(
        "The offensive began last December.",
        "last December",
        "2019-12",
    );
    assert_eq!(m.from, DateFrom::Relative);
    assert_eq!(found("Clashes ran between March and May.", p()).len(), 2);
    // Month-name words that are not months.
    none("May I ask a question?");
    none("They said they will march on the capital.");
    none("Theresa May met the envoy.");
    none("Protesters plan to March on the capital.");
    none("The august assembly met.");
    // A thousands separator after May: the month stands alone.
    is("In May 2,000 people fled the city.", "May", "2020-05");
}

#[test]
fn day_of_publication_month() {
    let m = is(
        "The ceasefire was broken on the 5th.",
        "the 5th",
        "2020-05-05",
    );
    assert_eq!(m.precision, Precision::Day);
    is(
        "Shelling has continued since the 21st, residents say.",
        "the 21st",
        "2020-05-21",
    );
    // After P: the previous month.
    is(
        "The ceasefire was broken on the 25th.",
        "the 25th",
        "2020-04-25",
    );
    is(
        "It was agreed on the 2nd of last month.",
        "the 2nd of last month",
        "2020-04-02",
    );
    is(
        "It was agreed on the 2nd of this month.",
        "the 2nd of this month",
        "2020-05-02",
    );
    none("The 7th Brigade entered the town.");
    none("It was the 5th anniversary of the battle.");
    none("Troops of the 4th, 5th and 6th divisions moved.");
    none("Units from the 5th and 6th regiments moved.");
    none("It was built in the 7th century.");
}

#[test]
fn relative_years_months_weeks() {
    for (t, span, d, prec) in [
        (
            "The militia was formed last year.",
            "last year",
            "2019",
            Precision::Year,
        ),
        (
            "The militia was formed late last year.",
            "late last year",
            "2019",
            Precision::Year,
        ),
        (
            "The militia was formed earlier this year.",
            "earlier this year",
            "2020",
            Precision::Year,
        ),
        (
            "Elections are due next year.",
            "next year",
            "2021",
            Precision::Year,
        ),
        (
            "It is the worst fighting this year.",
            "this year",
            "2020",
            Precision::Year,
        ),
        (
            "The militia was formed last month.",
            "last month",
            "2020-04",
            Precision::Month,
        ),
        (
            "The militia was formed earlier this month.",
            "earlier this month",
            "2020-05",
            Precision::Month,
        ),
        (
            "Talks resume next month.",
            "next month",
            "2020-06",
            Precision::Month,
        ),
        (
            "The base fell last week.",
            "last week",
            "2020-05-11",
            Precision::Week,
        ),
        (
            "The base fell earlier this week.",
            "earlier this week",
            "2020-05-18",
            Precision::Week,
        ),
        (
            "Talks resume next week.",
            "next week",
            "2020-05-25",
            Precision::Week,
        ),
        (
            "The base fell this past week.",
            "this past week",
            "2020-05-11",
            Precision::Week,
        ),
        (
            "It happened more than a year ago.",
            "a year ago",
            "2019",
            Precision::Year,
        ),
        (
            "It happened two years ago.",
            "two years ago",
            "2018",
            Precision::Year,
        ),
        (
            "It happened 18 months ago.",
            "18 months ago",
            "2018-11",
            Precision::Month,
        ),
        (
            "It happened a week ago.",
            "a week ago",
            "2020-05-11",
            Precision::Week,
        ),
        (
            "It happened two days ago.",
            "two days ago",
            "2020-05-21",
            Precision::Day,
        ),
        (
            "It happened a couple of days ago.",
            "a couple of days ago",
            "2020-05-21",
            Precision::Day,
        ),
        (
            "Last year's offensive failed.",
            "Last year",
            "2019",
            Precision::Year,
        ),
    ] {
        let m = is(t, span, d);
        assert_eq!(m.precision, prec, "{t}");
        assert_eq!(m.from, DateFrom::Relative, "{t}");
    }
    // Durations, not dates.
    none("Over the last week, shelling intensified.");
    none("Fighting in the past year displaced thousands.");
    none("The last month of the siege was the worst.");
    none("It has lasted for years.");
}

#[test]
fn weekends() {
    // P is a Saturday: the weekend is P's own; the last one a week before.
    let m = is(
        "Shelling intensified over the weekend.",
        "the weekend",
        "2020-05-23",
    );
    assert_eq!(m.precision, Precision::Week);
    is(
        "Shelling intensified last weekend.",
        "last weekend",
        "2020-05-16",
    );
    // Published Tuesday 26 May.
    let tue = Some(pd("2020-05-26"));
    assert_eq!(
        found("Shelling intensified over the weekend.", tue)[0].1,
        "2020-05-23"
    );
    assert_eq!(
        found("Shelling intensified last weekend.", tue)[0].1,
        "2020-05-23"
    );
    assert_eq!(
        found("Talks are planned next weekend.", tue)[0].1,
        "2020-05-30"
    );
    // Published Thursday 28 May: "this weekend" is the coming one.
    assert_eq!(
        found("Talks are planned this weekend.", Some(pd("2020-05-28")))[0].1,
        "2020-05-30"
    );
    none("Markets close every the weekend.");
}

#[test]
fn relative_days() {
    for (t, span, d) in [
        (
            "Officials confirmed the attack today.",
            "today",
            "2020-05-23",
        ),
        (
            "Officials confirmed the attack earlier today.",
            "earlier today",
            "2020-05-23",
        ),
        (
            "Officials confirmed the attack yesterday.",
            "yesterday",
            "2020-05-22",
        ),
        (
            "Officials confirmed the attack yesterday morning.",
            "yesterday morning",
            "2020-05-22",
        ),
        ("Officials will meet tomorrow.", "tomorrow", "2020-05-24"),
        ("Officials will meet tonight.", "tonight", "2020-05-23"),
        ("Officials met this morning.", "this morning", "2020-05-23"),
        (
            "Explosions were heard last night.",
            "last night",
            "2020-05-22",
        ),
        (
            "Officials confirmed the attack on Monday.",
            "Monday",
            "2020-05-18",
        ),
        ("Monday's strike killed three.", "Monday", "2020-05-18"),
        (
            "Officials confirmed the attack on Saturday.",
            "Saturday",
            "2020-05-23",
        ),
        (
            "Officials confirmed the attack last Monday.",
            "last Monday",
            "2020-05-18",
        ),
        (
            "Officials confirmed the attack last Saturday.",
            "last Saturday",
            "2020-05-16",
        ),
        ("Talks resume next Monday.", "next Monday", "2020-05-25"),
        (
            "The strike came on Tuesday evening.",
            "Tuesday evening",
            "2020-05-19",
        ),
        (
            "The strike came Tuesday night.",
            "Tuesday night",
            "2020-05-19",
        ),
        (
            "The strike came late Tuesday.",
            "late Tuesday",
            "2020-05-19",
        ),
        (
            "It happened the day before yesterday.",
            "the day before yesterday",
            "2020-05-21",
        ),
        (
            "He had arrived the day before.",
            "the day before",
            "2020-05-22",
        ),
        (
            "He had arrived the previous day.",
            "the previous day",
            "2020-05-22",
        ),
    ] {
        let m = is(t, span, d);
        assert_eq!(m.precision, Precision::Day, "{t}");
        assert_eq!(m.from, DateFrom::Relative, "{t}");
    }
    // Past reading kept after "will".
    is("The council will meet on Monday.", "Monday", "2020-05-18");
}

#[test]
fn weekday_words_that_are_not_dates() {
    none("Shops expected a rush on Black Friday.");
    none("He led Friday prayers in the mosque.");
    none("Protesters gather every Friday.");
    none("The Sunday Times reported it.");
    none("They remembered Bloody Sunday.");
    none("markets open monday through friday");
}

#[test]
fn narrative_relative_expressions() {
    let ms = find_dates(
        "The base fell on Monday and the army advanced three days later.",
        p(),
    );
    assert_eq!(ms.len(), 2);
    assert_eq!(ms[1].date.to_string(), "2020-05-21");
    let ms = find_dates(
        "The base fell on May 18; the next day the army advanced.",
        p(),
    );
    assert_eq!(ms[1].date.to_string(), "2020-05-19");
    let ms = find_dates(
        "Talks began in 2015 and an accord was signed a year later.",
        p(),
    );
    assert_eq!(ms[1].date.to_string(), "2016");
    let ms = find_dates("Talks began on May 12. The previous week, envoys met.", p());
    assert_eq!(
        (ms[1].date.to_string(), ms[1].precision),
        ("2020-05-04".into(), Precision::Week)
    );
    // No anchor: not resolved against P.
    none("The army advanced three days later.");
    none("The army advanced the next day.");
    none("Two days after the attack, talks resumed.");
    // An anchor from the previous sentence.
    let ms = find_dates_anchored(
        "The next day the army advanced.",
        p(),
        Some(pd("2020-05-18")),
    );
    assert_eq!(ms[0].date.to_string(), "2020-05-19");
}

#[test]
fn without_publication_date() {
    assert!(found("The base fell on Monday.", None).is_empty());
    assert!(found("The base fell last week, two days ago, yesterday.", None).is_empty());
    assert!(found("The base fell on December 10.", None).is_empty());
    assert!(found("The base fell in January.", None).is_empty());
    assert_eq!(
        found("The base fell on December 10, 2019.", None),
        [("December 10, 2019".into(), "2019-12-10".into())]
    );
    assert_eq!(
        found("The war began in 2011.", None),
        [("2011".into(), "2011".into())]
    );
    assert_eq!(
        found("It began in June 2015.", None),
        [("June 2015".into(), "2015-06".into())]
    );
}

#[test]
fn coarse_publication_dates() {
    let y = Some(PartialDate::year(2020));
    assert_eq!(found("The militia was formed last year.", y)[0].1, "2019");
    assert!(found("The militia was formed last month.", y).is_empty());
    assert!(found("The base fell yesterday.", y).is_empty());
    assert_eq!(found("The base fell in March.", y)[0].1, "2020-03");
    let m = Some(PartialDate::month(2020, 5));
    assert_eq!(
        found("The militia was formed last month.", m)[0].1,
        "2020-04"
    );
    assert!(found("The base fell on Monday.", m).is_empty());
    assert_eq!(found("The base fell on May 18.", m)[0].1, "2020-05-18");
    // An impossible month or day is ignored rather than trusted.
    let bad = Some(PartialDate {
        year: 2020,
        month: Some(13),
        day: Some(40),
    });
    assert_eq!(found("The militia was formed last year.", bad)[0].1, "2019");
    assert!(found("The base fell yesterday.", bad).is_empty());
}

#[test]
fn byte_offsets_with_non_ascii_text() {
    let t = "Türkiye’s drones struck Al‑Watiya on Monday — and again on 20 May.";
    let ms = find_dates(t, p());
    check_spans(t, &ms);
    assert_eq!(&t[ms[0].start..ms[0].end], "Monday");
    assert_eq!(&t[ms[1].start..ms[1].end], "20 May");
}

#[test]
fn several_in_order() {
    let t = "On Monday, a day after talks collapsed, forces that had held the base since 2016 \
             withdrew; the UN said on May 20 that 2,000 people fled last week.";
    let got = found(t, p());
    let dates: Vec<&str> = got.iter().map(|x| x.1.as_str()).collect();
    assert_eq!(dates, ["2020-05-18", "2016", "2020-05-20", "2020-05-11"]);
}

#[test]
fn datelines() {
    let t = "Saturday, 23 May 2020 12:30\nTRIPOLI — Forces loyal to the government said...";
    let (d, s, e) = find_dateline(t).unwrap();
    assert_eq!(d, pd("2020-05-23"));
    assert_eq!(&t[s..e], "Saturday, 23 May 2020");
    for t in [
        "May 23, 2020\n\nForces advanced on the base.",
        "By Staff Writer\nPublished: 2020-05-23\nForces advanced.",
        "23.05.2020\nForces advanced.",
        "23/05/2020 - Forces advanced on the base, which fell after a long siege and heavy strikes by drones.",
        "TRIPOLI, May 23, 2020 (Reuters) - Forces advanced on the base.",
        "Updated: 2020-05-24\nPublished: 2020-05-23\nForces advanced.",
        "Posted on May 23, 2020 by admin",
    ] {
        let got = find_dateline(t).map(|x| x.0);
        assert_eq!(got, Some(pd("2020-05-23")), "{t:?}");
    }
    assert_eq!(
        find_dateline("Updated 24 May 2020\nForces advanced.").map(|x| x.0),
        Some(pd("2020-05-24"))
    );
    assert_eq!(
        find_dateline("TRIPOLI, May 23 (Reuters) - Forces advanced on the base."),
        None
    );
    assert_eq!(
        find_dateline(
            "Forces loyal to the government advanced on the airbase from several directions. \
             On May 18, 2020, they seized it after weeks of drone strikes."
        ),
        None
    );
    assert_eq!(find_dateline("05/06/2020\nambiguous"), None);
    assert_eq!(find_dateline(""), None);
}

#[test]
fn long_inputs_stay_fast() {
    let mut t = String::new();
    for i in 0..20_000 {
        t.push_str(
            [
                "the ", "May ", "2019 ", "last ", "in ", "week ", "-", "5th ", "of ", "Monday ",
            ][i % 10],
        );
    }
    let start = std::time::Instant::now();
    let ms = find_dates(&t, p());
    check_spans(&t, &ms);
    assert!(start.elapsed().as_secs() < 5);
}

#[test]
fn a_span_of_time_since_an_event_dates_it_back() {
    let m = is("It has been more than a year since the army took the town.", "a year since", "2019");
    assert_eq!(m.precision, Precision::Year);
    assert_eq!(m.from, DateFrom::Relative);
    is("Two weeks since the talks began, nothing moved.", "Two weeks since", "2020-05-04");
}

#[test]
fn a_year_naming_an_event_is_its_date() {
    is("Libya has been in chaos since the 2011 revolution began.", "2011", "2011");
    assert!(find_dates("They sent the 2000 fighters north.", p()).is_empty());
}

#[test]
fn early_mid_late_narrow_a_year_or_month_to_a_third() {
    let p = Some(PartialDate::day(2021, 3, 10));
    let late = &find_dates("The militia was formed late last year.", p)[0];
    assert_eq!(late.date, PartialDate::year(2020));
    let r = late.range.expect("late last year has a range");
    assert_eq!((r.from.to_string(), r.to.to_string()), ("2020-09-01".into(), "2020-12-31".into()));
    let early = &find_dates("Talks collapsed in early February.", p)[0];
    let r = early.range.expect("early February has a range");
    assert_eq!((r.from.to_string(), r.to.to_string()), ("2021-02-01".into(), "2021-02-09".into()));
    let mid = &find_dates("The offensive stalled in mid-2019.", p)[0];
    let r = mid.range.expect("mid-2019 has a range");
    assert_eq!((r.from.to_string(), r.to.to_string()), ("2019-05-02".into(), "2019-09-01".into()));
    assert!(find_dates("The town fell in 2019.", p)[0].range.is_none());
}

#[test]
fn ago_ranges_bound_round_figures() {
    let p = Some(PartialDate::day(2020, 5, 23));
    let more = &find_dates("The siege began more than a year ago.", p)[0];
    let r = more.range.expect("more than a year ago has a range");
    assert_eq!((r.from.to_string(), r.to.to_string()), ("2018-05-23".into(), "2019-05-23".into()));
    let about = &find_dates("The siege began two years ago.", p)[0];
    let r = about.range.expect("two years ago has a range");
    assert_eq!((r.from.to_string(), r.to.to_string()), ("2017-05-23".into(), "2019-05-23".into()));
    assert!(find_dates("The siege began three days ago.", p)[0].range.is_none());
}
