use sitrep_model::PartialDate;
use sitrep_text::dates::find_dates;
#[test]
fn show() {
    let p = Some(PartialDate::day(2020, 5, 23));
    for t in [
        "On Wednesday, the GNA announced that its forces had taken control of the Al-Watiya airbase.",
        "Last week, the army seized the base, which Haftar's forces had held since 2014.",
        "The LNA launched its offensive on Tripoli in April 2019.",
        "In April last year, Haftar launched an offensive.",
        "A ceasefire agreed in Berlin on January 19 collapsed within weeks.",
        "Haftar said on May 18 he would retreat 2-3 km from the front.",
        "About 300 Syrian mercenaries arrived on Thursday, 5 days after the talks.",
        "The UN said some 16,000 people had been displaced since early April.",
        "Erdogan met Sarraj in Istanbul on 4 June 2020.",
        "In the past 24 hours, 12 drones were downed.",
        "It is the 3rd time this month that the airport was shelled.",
        "Turkey deployed 1,500 to 2,000 Syrian fighters in 2019 and 2020.",
        "Sunday's strike killed 12 people, the ministry said on Sunday.",
        "The truce, which started at 00:00 on Sunday, was violated.",
        "At 10:30 a.m. on May 21, drones struck.",
        "The 2011 revolution toppled Gaddafi.",
        "Members of the 166th Battalion and the 301st Brigade took part.",
        "Elections set for December 24, 2021 were postponed.",
        "Talks in Geneva on February 18-19 ended without agreement.",
        "Since November 2019, Russia's Wagner group has deployed 1,200 fighters.",
        "He was born in 1943 in Ajdabiya.",
        "The Skhirat agreement of December 2015 created the GNA.",
        "May 2020 was the deadliest month.",
        "The April 4 offensive on Tripoli.",
        "This was reported at 11 p.m. Friday.",
        "On Friday 22 May, forces advanced.",
        "The fighting of the last 48 hours.",
        "The deal of 27 November 2019 on maritime boundaries.",
        "Figures for 2019: 2000 dead.",
        "Over 2,000 mercenaries arrived by 2020, the report says.",
        "The city fell in June, a year after the siege began.",
        "Clashes ended on the 10th and resumed on the 12th.",
    ] {
        let ms = find_dates(t, p);
        let v: Vec<String> = ms.iter().map(|m| format!("[{}]={} {:?}/{:?}{}", &t[m.start..m.end], m.date, m.precision, m.from, m.note.as_deref().map(|n| format!(" NOTE {n}")).unwrap_or_default())).collect();
        println!("{t}\n    {}", v.join("  "));
    }
}
