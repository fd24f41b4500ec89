//! The event grammar on sentences written for these tests, against a small
//! knowledge base and lexicon built here (so the tests pin the grammar, not
//! the shipped vocabulary).

mod common;

use sitrep_model::{Event, Status};

const KB: &str = r#"
{"id":"alpha","name":"Alphaland","type":"country","country":"ALP","code":"ALP","sector":"GOV","demonyms":["Alphan"],"seats":["Alphaville"],"lat":10.0,"lon":10.0,"feature":"country"}
{"id":"beta","name":"Betaland","type":"country","country":"BET","code":"BET","sector":"GOV","demonyms":["Betan"],"lat":20.0,"lon":20.0,"feature":"country"}
{"id":"gamma","name":"Gammaland","type":"country","country":"GAM","code":"GAM","sector":"GOV","lat":30.0,"lon":30.0,"feature":"country"}
{"id":"red-army","name":"Red Army","type":"armed_group","aliases":["RA"],"country":"ALP","code":"ALP","sector":"MIL","part_of":["ALP"],"descriptors":["red forces"]}
{"id":"blue-front","name":"Blue Front","type":"armed_group","aliases":["BF"],"country":"ALP","code":"ALP","sector":"REB"}
{"id":"zed-marko","name":"Zed Marko","type":"person","aliases":["Marko"],"country":"ALP","code":"ALP","sector":"MIL","part_of":["red-army"],"roles":[{"title":"Commander","of":"red-army","from":"2015"}]}
{"id":"una-vell","name":"Una Vell","type":"person","country":"BET","code":"BET","sector":"GOV","roles":[{"title":"President","of":"BET","from":"2018-01-01","to":null}]}
{"id":"gamma-council","name":"Gamma Council","type":"government","country":"GAM","code":"GAM","sector":"GOV","part_of":["GAM"]}
{"id":"free-states","name":"Free States Legion","type":"armed_group","country":"GAM","code":"GAM","sector":"REB"}
{"id":"fort-nox","name":"Fort Nox","type":"place","country":"ALP","lat":11.0,"lon":11.0,"feature":"airbase"}
{"id":"port-sel","name":"Port Sel","type":"place","country":"ALP","lat":12.0,"lon":12.0,"feature":"city"}
{"id":"daily-wire-x","name":"Daily Xpress","type":"media","country":"BET","code":"BET","sector":"JRN"}
"#;

const LEXICON: &str = r#"
[[trigger]]
words = "attack"
pos = "verb"
type = "ASSAULT"
target = ["object", "on", "against"]
place_object = { type = "ASSAULT" }
[[trigger]]
words = "attack"
pos = "noun"
type = "ASSAULT"
target = ["on", "against"]
[[trigger]]
words = "capture"
pos = "verb"
type = "ASSAULT"
place_object = { type = "ASSAULT", control = "gain" }
person_object = { type = "ASSAULT", mode = "abduct" }
[[trigger]]
words = "capture"
pos = "noun"
type = "ASSAULT"
target = ["object"]
place_object = { type = "ASSAULT", control = "gain" }
[[trigger]]
words = "withdraw"
pos = "verb"
type = "RETREAT"
mode = "withdraw"
irregular = ["withdrew", "withdrawn"]
target = ["from"]
place_object = { type = "RETREAT", mode = "withdraw", control = "lose" }
[[trigger]]
words = "send"
pos = "verb"
type = "AID"
mode = "troops"
irregular = ["sent"]
target = ["to"]
[[trigger]]
words = "back"
pos = "adj"
type = "SUPPORT"
irregular = ["backed"]
[[trigger]]
words = "support"
pos = "verb"
type = "AID"
target = ["object"]
[[trigger]]
words = "condemn"
pos = "verb"
type = "ACCUSE"
mode = "disapprove"
target = ["object"]
[[trigger]]
words = "vow"
pos = "verb"
type = "THREATEN"
mode = "violence"
complement = "intend"
[[trigger]]
words = "promise"
pos = "verb"
type = "AGREE"
complement = "intend"
[[trigger]]
words = "meet"
pos = "verb"
type = "CONSULT"
irregular = ["met"]
target = ["with", "object"]
symmetric = true
[[trigger]]
words = "visit"
pos = "verb"
type = "CONSULT"
mode = "visit"
target = ["object"]
[[trigger]]
words = "land in"
pos = "verb"
type = "CONSULT"
mode = "visit"
target = ["object"]
[[trigger]]
words = "surrender"
pos = "verb"
type = "RETREAT"
[[trigger]]
words = "ask"
pos = "verb"
type = "REQUEST"
irregular = ["asked"]
target = ["object"]
[[trigger]]
words = "destroy"
pos = "verb"
type = "ASSAULT"
mode = "destroy"
[[trigger]]
words = "kill"
pos = "verb"
type = "ASSAULT"
[[trigger]]
words = "wound"
pos = "verb"
type = "ASSAULT"
target = ["object"]

[[trigger]]
words = "block"
pos = "verb"
type = "COERCE"
mode = "restrict"
target = ["object"]
[[trigger]]
words = "besiege"
pos = "verb"
type = "ASSAULT"
target = ["object"]
[[trigger]]
words = "military support"
pos = "noun"
type = "AID"
target = ["to", "for"]
[[trigger]]
words = "thank"
pos = "verb"
type = "SUPPORT"
target = ["object"]

[[trigger]]
words = "legitimate target"
pos = "noun"
type = "THREATEN"
mode = "violence"
target = ["subject"]
source = ["of", "claimant"]
[[trigger]]
words = "consultation"
pos = "noun"
type = "CONSULT"
target = ["with"]
symmetric = true

[cues]
sector_GOV = ["ministers"]
prepositional_idioms = ["thanks to"]
beneficiary_markers = ["thanks to", "with the help of"]
compound_heads = ["helicopters"]
sector_CVL = ["protesters", "residents"]
report = ["say", "tell", "announce", "claim", "state", "post"]
according_to = ["according to"]
press_nouns = ["television", "radio"]
aid_weapons = ["aircraft", "jets"]
purpose_markers = ["in support of", "to help"]
intend = ["will", "plans to", "intends to"]
hypothetical = ["might", "could", "may", "would", "if"]
negation = ["not", "never", "n't"]
deny = ["deny"]
dead = ["killed", "dead"]
injured = ["wounded", "injured"]
displaced = ["displaced"]
captured = ["captured"]
"#;

fn events(text: &str) -> Vec<Event> {
    common::extract(&common::extractor(KB, Some(LEXICON)), text).events
}

fn one(text: &str, kind: &str) -> Event {
    let evs = events(text);
    evs.iter().find(|e| e.kind == kind).cloned().unwrap_or_else(|| panic!("no {kind} in {text:?}: {evs:#?}"))
}

#[test]
fn active_voice_subject_is_source_object_is_target() {
    let e = one("The Red Army attacked the Blue Front near Port Sel.", "ASSAULT");
    assert_eq!(e.source, vec!["red-army"]);
    assert_eq!(e.target, vec!["blue-front"]);
    assert_eq!(e.location.unwrap().id, "port-sel");
    assert_eq!(e.status, Status::Asserted);
}

#[test]
fn passive_voice_swaps_roles() {
    let e = one("The Blue Front was attacked by the Red Army.", "ASSAULT");
    assert_eq!(e.source, vec!["red-army"]);
    assert_eq!(e.target, vec!["blue-front"]);
}

#[test]
fn nominal_trigger_with_prepositional_target() {
    let e = one("Alphaland launched an attack on Betaland.", "ASSAULT");
    assert_eq!(e.source, vec!["alpha"]);
    assert_eq!(e.target, vec!["beta"]);
}

#[test]
fn coordinated_actors_each_get_their_event() {
    let evs = events("Alphaland, Betaland and Gammaland condemned the Blue Front.");
    let mut sources: Vec<String> = evs.iter().filter(|e| e.kind == "ACCUSE").flat_map(|e| e.source.clone()).collect();
    sources.sort();
    assert_eq!(sources, vec!["alpha", "beta", "gamma"]);
    assert!(evs.iter().filter(|e| e.kind == "ACCUSE").all(|e| e.target == vec!["blue-front"]));
}

#[test]
fn a_list_is_closed_by_a_conjunction() {
    // The comma after the claimant does not join it to the subject.
    let e = one("According to Daily Xpress, the Red Army attacked the Blue Front.", "ASSAULT");
    assert_eq!(e.source, vec!["red-army"]);
}

#[test]
fn capture_of_a_place_carries_control() {
    let e = one("The Red Army captured Fort Nox from the Blue Front on Monday.", "ASSAULT");
    let c = e.control.expect("control");
    assert_eq!(c.place, "fort-nox");
    assert_eq!(c.gained_by, vec!["red-army"]);
    assert_eq!(c.lost_by, vec!["blue-front"]);
    assert_eq!(e.date.unwrap().to_string(), "2021-03-08");
}

#[test]
fn withdrawal_loses_the_place() {
    let e = one("The Blue Front withdrew from Port Sel.", "RETREAT");
    let c = e.control.expect("control");
    assert_eq!(c.place, "port-sel");
    assert_eq!(c.lost_by, vec!["blue-front"]);
    assert!(c.gained_by.is_empty());
}

#[test]
fn attribution_makes_a_claim() {
    let e = one("The Red Army said it destroyed the Blue Front.", "ASSAULT");
    assert_eq!(e.status, Status::Claimed);
    assert_eq!(e.claimed_by, vec!["red-army"]);
    assert_eq!(e.source, vec!["red-army"], "\"it\" is the claimant");
    let e = one("According to Una Vell, the Red Army attacked the Blue Front.", "ASSAULT");
    assert_eq!(e.status, Status::Claimed);
    assert_eq!(e.claimed_by, vec!["una-vell"]);
    // A news outlet is the press, not a party (records.md): its report
    // stands as reported fact.
    let e = one("According to Daily Xpress, the Red Army attacked the Blue Front.", "ASSAULT");
    assert_eq!(e.status, Status::Asserted);
}

#[test]
fn negation_never_yields_an_asserted_event() {
    assert!(events("The Red Army did not attack the Blue Front.").iter().all(|e| e.kind != "ASSAULT"));
    let e = one("Alphaland denied that the Red Army attacked the Blue Front.", "ASSAULT");
    assert_eq!(e.status, Status::Denied);
}

#[test]
fn a_vow_to_attack_is_a_threat_not_an_attack() {
    let evs = events("Zed Marko vowed to attack Betaland.");
    assert!(evs.iter().any(|e| e.kind == "THREATEN" && e.source == vec!["zed-marko"]));
    assert!(evs.iter().all(|e| e.kind != "ASSAULT"), "{evs:#?}");
    let e = one("The Red Army plans to attack Port Sel.", "THREATEN");
    assert_eq!(e.mode.as_deref(), Some("violence"));
}

#[test]
fn promise_is_agree_with_the_promised_act_as_its_plan() {
    let evs = events("Betaland promised to send troops to Alphaland.");
    let agree = evs.iter().find(|e| e.kind == "AGREE").expect("AGREE");
    assert_eq!(agree.source, vec!["beta"]);
    assert_eq!(agree.target, vec!["alpha"]);
    let plan = agree.plan.as_ref().expect("plan");
    assert_eq!((plan.kind.as_str(), plan.mode.as_deref()), ("AID", Some("troops")));
    assert!(evs.iter().all(|e| e.kind != "AID"), "the troops are not sent yet: {evs:#?}");
    let e = one("Betaland will send troops to Alphaland.", "AGREE");
    assert_eq!(e.plan.unwrap().kind, "AID");
}

#[test]
fn hypothetical_cues() {
    let e = one("The Red Army could attack Betaland.", "ASSAULT");
    assert_eq!(e.status, Status::Hypothetical);
    assert!(events("If attacked, Betaland could respond.").is_empty(), "no frame, no hypothetical event");
}

#[test]
fn modifier_relations_and_passive_participles() {
    // Backing an armed group is material help (AID); backing a state is SUPPORT.
    let e = one("Betan-backed forces of the Blue Front advanced.", "AID");
    assert_eq!(e.source, vec!["beta"]);
    assert_eq!(e.target, vec!["blue-front"]);
    let e = one("The Betan-backed Gammaland government resisted.", "SUPPORT");
    assert_eq!(e.source, vec!["beta"]);
    let evs = events("Supported by Betaland and Gammaland, the Red Army advanced.");
    let mut aid: Vec<(String, String)> = evs.iter().filter(|e| e.kind == "AID").map(|e| (e.source[0].clone(), e.target[0].clone())).collect();
    aid.sort();
    assert_eq!(aid, vec![("beta".into(), "red-army".into()), ("gamma".into(), "red-army".into())]);
}

#[test]
fn inserted_phrases_do_not_take_the_subject_role() {
    let e = one("The Red Army, led by Zed Marko, attacked the Blue Front.", "ASSAULT");
    assert_eq!(e.source, vec!["red-army"]);
    let e = one("The Blue Front withdrew from Port Sel, the Red Army said.", "RETREAT");
    assert_eq!(e.source, vec!["blue-front"]);
    assert_eq!(e.claimed_by, vec!["red-army"]);
}

#[test]
fn possessive_force_of_a_commander() {
    let e = one("Marko's troops attacked the Blue Front.", "ASSAULT");
    assert_eq!(e.source, vec!["red-army"]);
}

#[test]
fn symmetric_meeting() {
    let e = one("Una Vell met with Zed Marko in Alphaville on Tuesday.", "CONSULT");
    assert!(e.source.contains(&"una-vell".to_string()) && e.source.contains(&"zed-marko".to_string()));
    assert_eq!(e.date.unwrap().to_string(), "2021-03-09");
}

#[test]
fn pronoun_subject_resolves_to_the_last_actor() {
    let evs = events("Zed Marko arrived on Friday. He attacked the Blue Front.");
    let e = evs.iter().find(|e| e.kind == "ASSAULT").unwrap();
    assert_eq!(e.source, vec!["zed-marko"]);
}

#[test]
fn figures_go_into_size() {
    let e = one("The Red Army attacked the Blue Front, and 12 fighters were killed and 30 wounded.", "ASSAULT");
    let s = e.size.expect("size");
    assert_eq!(s.dead, Some(sitrep_model::Count::Exact(12)));
    assert_eq!(s.injured, Some(sitrep_model::Count::Exact(30)));
    let e = one("The Red Army destroyed 25 units of enemy military equipment.", "ASSAULT");
    let s = e.size.expect("size");
    assert_eq!(s.other[0].n, sitrep_model::Count::Exact(25));
    assert!(s.other[0].what.contains("equipment"), "{:?}", s.other);
}

#[test]
fn dates_resolve_against_publication_and_fall_back_to_it() {
    let e = one("Last week the Red Army attacked the Blue Front.", "ASSAULT");
    assert_eq!(e.date_from, Some(sitrep_model::DateFrom::Relative));
    let e = one("The Red Army attacked the Blue Front.", "ASSAULT");
    assert_eq!(e.date_from, Some(sitrep_model::DateFrom::Published));
    assert_eq!(e.date.unwrap().to_string(), "2021-03-10");
    let e = one("In June 2015 the Red Army attacked the Blue Front.", "ASSAULT");
    assert_eq!(e.date.unwrap().to_string(), "2015-06");
}

#[test]
fn cameo_projection_is_carried() {
    let e = one("The Red Army attacked the Blue Front.", "ASSAULT");
    assert_eq!(e.cameo.as_deref(), Some("19"));
}


#[test]
fn refusing_to_act_is_a_rejection() {
    let e = one("Betaland will not meet the Red Army.", "REJECT");
    assert_eq!(e.mode.as_deref(), Some("meet"));
    assert_eq!(e.source, vec!["beta"]);
    assert!(events("The Red Army did not attack Betaland.").is_empty(), "a past act not done is no event");
}

#[test]
fn must_in_reported_speech_is_a_request() {
    let evs = events("Alphaland said the Blue Front must withdraw from Port Sel.");
    let e = evs.iter().find(|e| e.kind == "REQUEST").expect("REQUEST");
    assert_eq!(e.source, vec!["alpha"]);
    assert_eq!(e.target, vec!["blue-front"]);
    assert!(evs.iter().all(|e| e.kind != "RETREAT"), "the withdrawal is demanded, not done: {evs:#?}");
}

#[test]
fn a_conditional_attack_is_a_threat() {
    let e = one("Betaland said it would attack Gammaland unless the talks resume.", "THREATEN");
    assert_eq!(e.source, vec!["beta"]);
    assert_eq!(e.target, vec!["gamma"]);
    assert_eq!(e.plan.unwrap().kind, "ASSAULT");
}

#[test]
fn what_a_condemnation_is_about_is_its_plan_not_another_event() {
    let evs = events("Alphaland condemned the Blue Front for the attack on Port Sel.");
    let e = evs.iter().find(|e| e.kind == "ACCUSE").expect("ACCUSE");
    assert_eq!(e.target, vec!["blue-front"]);
    assert_eq!(e.plan.as_ref().unwrap().kind, "ASSAULT");
    assert_eq!(evs.len(), 1, "{evs:#?}");
}

#[test]
fn participles_used_as_adjectives_are_not_events() {
    assert!(events("Zed Marko visited the besieged town of Port Sel.").iter().all(|e| e.kind != "ASSAULT"));
    let e = one("The Red Army besieged Port Sel.", "ASSAULT");
    assert_eq!(e.source, vec!["red-army"]);
}

#[test]
fn civilians_blocking_roads_are_protesting() {
    let e = one("Protesters blocked the road to Port Sel.", "PROTEST");
    assert_eq!(e.mode.as_deref(), Some("obstruct"));
    let e = one("The Red Army blocked the road to Port Sel.", "COERCE");
    assert_eq!(e.source, vec!["red-army"]);
}

#[test]
fn an_announced_withdrawal_is_a_concession() {
    let e = one("The Blue Front will withdraw from Port Sel.", "CONCEDE");
    assert_eq!(e.source, vec!["blue-front"]);
    assert_eq!(e.plan.unwrap().kind, "RETREAT");
    assert!(e.control.is_none(), "nothing has changed hands yet");
}

#[test]
fn a_participle_after_a_noun_is_not_the_subjects_act() {
    // The plane delivers, not the Red Army.
    let evs = events("The Red Army attacked a plane sending troops to Port Sel.");
    assert!(evs.iter().all(|e| !(e.kind == "AID" && e.source == vec!["red-army"])), "{evs:#?}");
}

#[test]
fn a_pronoun_subject_refers_to_the_previous_clause() {
    let e = evs_one("After the Red Army attacked the Blue Front, it captured Fort Nox.", "captured");
    assert_eq!(e.source, vec!["red-army"]);
}

fn evs_one(text: &str, trigger: &str) -> Event {
    events(text).into_iter().find(|e| e.trigger == trigger).unwrap_or_else(|| panic!("no event on {trigger:?} in {text:?}"))
}

#[test]
fn a_gerund_after_a_determiner_is_a_noun_with_the_light_verbs_subject() {
    let e = one("Alphaland started a meeting with Betaland on Monday.", "CONSULT");
    assert!(e.source.contains(&"alpha".to_string()) && e.source.contains(&"beta".to_string()), "{e:?}");
}

#[test]
fn coordinated_subjects_of_a_reciprocal_act_are_each_others_partners() {
    let e = one("Alphaland and Betaland met in Alphaville on Monday.", "CONSULT");
    assert!(e.target.contains(&"alpha".to_string()) && e.target.contains(&"beta".to_string()), "{e:?}");
}

#[test]
fn an_actorless_remention_of_a_reported_event_is_no_new_event() {
    let evs = events("The Red Army attacked the Blue Front on Monday. The attack lasted three hours.");
    assert_eq!(evs.iter().filter(|e| e.kind == "ASSAULT").count(), 1, "{evs:#?}");
    // With nothing else of its kind reported, the bare mention stays.
    let evs = events("The attack lasted three hours.");
    assert_eq!(evs.iter().filter(|e| e.kind == "ASSAULT").count(), 1, "{evs:#?}");
}

#[test]
fn one_act_worded_twice_in_a_sentence_is_one_event() {
    let evs = events("The Red Army attacked the Blue Front near Port Sel, destroying its positions.");
    assert_eq!(evs.iter().filter(|e| e.kind == "ASSAULT").count(), 1, "{evs:#?}");
    // Two places: two acts.
    let evs = events("The Red Army attacked Port Sel and destroyed Fort Nox.");
    assert_eq!(evs.iter().filter(|e| e.kind == "ASSAULT").count(), 2, "{evs:#?}");
}

#[test]
fn a_relative_pronoun_stands_for_the_phrase_right_before_it() {
    let e = one("It was a good week for the Red Army, which attacked the Blue Front near Port Sel.", "ASSAULT");
    assert_eq!(e.source, vec!["red-army"], "{e:?}");
}

#[test]
fn a_verb_continuing_a_clause_shares_its_subject_not_its_object() {
    let evs = events("The Red Army besieged the Blue Front and then attacked Port Sel.");
    let attack = evs.iter().find(|e| e.trigger == "attacked").unwrap_or_else(|| panic!("{evs:#?}"));
    assert_eq!(attack.source, vec!["red-army"], "{evs:#?}");
    let evs = events("Una Vell met with Zed Marko and later condemned Alphaland.");
    let condemn = evs.iter().find(|e| e.kind == "ACCUSE").unwrap_or_else(|| panic!("{evs:#?}"));
    assert_eq!(condemn.source, vec!["una-vell"], "{evs:#?}");
}

#[test]
fn a_passive_report_verb_leaves_its_subject_the_agent() {
    let e = one("Betaland is said to have sent troops to Alphaland.", "AID");
    assert_eq!(e.source, vec!["beta"], "{e:?}");
    assert_eq!(e.status, Status::Claimed);
    assert!(e.claimed_by.is_empty(), "{e:?}");
}

#[test]
fn an_opening_participle_clause_takes_the_main_subject() {
    let e = one("After attacking Port Sel, the Red Army withdrew from Fort Nox.", "ASSAULT");
    assert_eq!(e.source, vec!["red-army"], "{e:?}");
}

#[test]
fn a_name_in_a_hyphenated_modifier_is_not_the_object() {
    let e = one("The Red Army attacked the Alphan-backed Blue Front.", "ASSAULT");
    assert_eq!(e.target, vec!["blue-front"], "{e:?}");
}

#[test]
fn a_from_phrase_past_a_comma_belongs_to_another_phrase() {
    let evs = events("The Red Army attacked Port Sel, with weapons from Betaland.");
    let e = evs.iter().find(|e| e.kind == "ASSAULT").unwrap_or_else(|| panic!("{evs:#?}"));
    assert!(!e.target.contains(&"beta".to_string()), "{e:?}");
}

#[test]
fn a_bracketed_abbreviation_is_no_auxiliary() {
    let e = one("The Blue Front (IS) attacked Port Sel.", "ASSAULT");
    assert_eq!(e.source, vec!["blue-front"], "{e:?}");
}

#[test]
fn fixed_phrases_and_compound_modifiers_name_no_event() {
    let evs = events("The Red Army took Port Sel thanks to Betaland.");
    assert!(evs.iter().all(|e| e.kind != "SUPPORT"), "{evs:#?}");
    let evs = events("Betaland sent attack helicopters to Alphaland.");
    assert!(evs.iter().all(|e| e.kind != "ASSAULT"), "{evs:#?}");
    // The noun on its own still reports the act.
    let evs = events("The Red Army carried out an attack on Port Sel.");
    assert!(evs.iter().any(|e| e.kind == "ASSAULT"), "{evs:#?}");
}

#[test]
fn a_sentence_without_a_date_goes_on_in_the_time_of_its_paragraph() {
    let evs = events("The Red Army attacked Port Sel on Monday. Betaland condemned the Red Army.\n\nAlphaland condemned the Blue Front.");
    let beta = evs.iter().find(|e| e.source == vec!["beta".to_string()]).unwrap_or_else(|| panic!("{evs:#?}"));
    assert_eq!(beta.date.unwrap().to_string(), "2021-03-08");
    // A new paragraph starts afresh: the publication date.
    let alpha = evs.iter().find(|e| e.source == vec!["alpha".to_string()]).unwrap_or_else(|| panic!("{evs:#?}"));
    assert_eq!(alpha.date.unwrap().to_string(), "2021-03-10");
}

#[test]
fn a_backing_relation_needs_an_actor_as_the_backed_noun() {
    let evs = events("Alphan-backed fighters attacked Port Sel.");
    assert!(evs.iter().all(|e| e.kind != "SUPPORT"), "{evs:#?}");
    let e = one("Alphan-backed Blue Front fighters attacked Port Sel.", "AID");
    assert_eq!((e.source.clone(), e.target.clone()), (vec!["alpha".to_string()], vec!["blue-front".to_string()]));
    // Unhyphenated, the demonym still makes the participle a modifier.
    let evs = events("The Alphan backed fighters attacked Port Sel.");
    assert!(evs.iter().all(|e| e.kind != "SUPPORT" && e.kind != "AID"), "{evs:#?}");
}

#[test]
fn a_base_form_after_an_indefinite_article_is_a_noun() {
    let evs = events("The Red Army stopped a support convoy near Port Sel.");
    assert!(evs.iter().all(|e| e.kind != "AID"), "{evs:#?}");
    let evs = events("The Red Army stopped a Betan support convoy near Port Sel.");
    assert!(evs.iter().all(|e| e.kind != "AID"), "{evs:#?}");
    // Not past a preposition: "an agreement in order to" keeps its verb.
    let evs = events("Betaland will support the Red Army.");
    assert!(evs.iter().any(|e| e.kind == "AID" || e.kind == "AGREE"), "{evs:#?}");
}

#[test]
fn the_object_reads_past_a_hyphenated_name_modifier() {
    let e = one("The Red Army attacked the Alphan-trained fighters of the Blue Front.", "ASSAULT");
    assert_eq!(e.target, vec!["blue-front"], "{e:?}");
}

#[test]
fn a_noun_after_as_predicates_the_object_of_the_verb() {
    let e = one("Alphaland will regard the Red Army as legitimate targets.", "THREATEN");
    assert_eq!((e.source.clone(), e.target.clone()), (vec!["alpha".to_string()], vec!["red-army".to_string()]));
    // Without "as", the subject is the target and the claimant the source.
    let e = one("The Red Army is a legitimate target, Una Vell said.", "THREATEN");
    assert_eq!((e.source.clone(), e.target.clone()), (vec!["una-vell".to_string()], vec!["red-army".to_string()]));
}

#[test]
fn a_speaker_after_a_lone_comma_is_not_the_actor_before_it() {
    let evs = events("The Blue Front attacked Port Sel, the ministers said.");
    let e = evs.iter().find(|e| e.kind == "ASSAULT").unwrap_or_else(|| panic!("{evs:#?}"));
    assert!(!e.claimed_by.contains(&"blue-front".to_string()), "{e:?}");
}

#[test]
fn a_generic_noun_of_named_actors_stands_for_them() {
    let evs = events("Una Vell held consultations with the ministers of Alphaland and Gammaland.");
    let mut partners: Vec<String> = evs.iter().filter(|e| e.kind == "CONSULT").flat_map(|e| e.target.clone()).filter(|t| t != "una-vell").collect();
    partners.sort();
    assert_eq!(partners, vec!["alpha", "gamma"], "{evs:#?}");
}

#[test]
fn help_credited_for_an_outcome_goes_to_the_clauses_subject() {
    let e = one("The Red Army took Port Sel, thanks to military support from Betaland.", "AID");
    assert_eq!((e.source.clone(), e.target.clone()), (vec!["beta".to_string()], vec!["red-army".to_string()]));
}

#[test]
fn a_demonstrative_object_points_back_to_the_last_one_named() {
    let evs = events("The Gamma Council met on Monday. Betaland condemned that government.");
    let e = evs.iter().find(|e| e.kind == "ACCUSE").unwrap_or_else(|| panic!("{evs:#?}"));
    assert_eq!(e.target, vec!["gamma-council"], "{evs:#?}");
}

#[test]
fn in_a_noun_of_x_is_a_noun_phrase_about_x() {
    // "in support of X" is no act of support by the place before it.
    let evs = events("Betan jets landed in Alphaland in support of the Red Army.");
    assert!(evs.iter().all(|e| !e.source.contains(&"alpha".to_string())), "{evs:#?}");
}

#[test]
fn a_report_participle_after_a_statement_reports_for_its_subject() {
    let e = one("Betaland issued a statement saying it would attack the Red Army if provoked.", "THREATEN");
    assert_eq!(e.source, vec!["beta"], "{e:?}");
    assert_eq!(e.claimed_by, vec!["beta"], "{e:?}");
}

#[test]
fn in_reported_speech_a_descriptor_of_the_speakers_kind_is_the_speaker() {
    let e = one("Betaland said the country would attack the Red Army.", "THREATEN");
    assert_eq!(e.source, vec!["beta"], "{e:?}");
}

#[test]
fn a_word_inside_a_name_is_no_report_verb() {
    let e = one("The Free States Legion attacked Port Sel.", "ASSAULT");
    assert_eq!(e.status, Status::Asserted, "{e:?}");
}

#[test]
fn a_news_outlet_relaying_a_report_leaves_it_asserted() {
    let e = one("The Daily Xpress said the Red Army attacked Port Sel.", "ASSAULT");
    assert_eq!(e.status, Status::Asserted, "{e:?}");
    assert!(e.claimed_by.is_empty(), "{e:?}");
    // A party's word is a claim.
    let e = one("Una Vell said the Red Army attacked Port Sel.", "ASSAULT");
    assert_eq!(e.status, Status::Claimed, "{e:?}");
}

#[test]
fn a_report_noun_after_a_determiner_attributes_nothing() {
    let e = one("Zed Marko, named to the post of commander, attacked Port Sel.", "ASSAULT");
    assert_eq!(e.status, Status::Asserted, "{e:?}");
}

#[test]
fn a_gerund_subject_of_a_modal_names_no_act_that_happened() {
    let evs = events("Una Vell warned that attacking the Red Army would start a war.");
    assert!(evs.iter().all(|e| e.kind != "ASSAULT"), "{evs:#?}");
    // A participle continuing a clause is still an act.
    let evs = events("The Red Army shelled Port Sel, attacking the Blue Front.");
    assert!(evs.iter().any(|e| e.kind == "ASSAULT"), "{evs:#?}");
}

#[test]
fn a_participle_glued_to_a_plain_word_is_a_plain_adjective() {
    let evs = events("The Red Army, well-backed by modern rifles, attacked Port Sel.");
    assert!(evs.iter().all(|e| e.kind != "SUPPORT" && e.kind != "AID"), "{evs:#?}");
}

#[test]
fn a_date_beyond_a_subordinate_conjunction_dates_that_clause_not_the_trigger() {
    use sitrep_model::DateFrom;
    let e = one("The Red Army attacked Port Sel when talks collapsed on Monday.", "ASSAULT");
    assert_eq!(e.date_from, Some(DateFrom::Published), "{e:?}");
    let e = one("The Red Army attacked Port Sel on Monday when talks collapsed.", "ASSAULT");
    assert_eq!(e.date, Some("2021-03-08".parse().unwrap()), "{e:?}");
}

#[test]
fn the_end_of_a_state_is_not_its_date_and_the_publication_date_is_not_either() {
    // The siege ended by January, so it is no event of the publication day:
    // its date is unknown, and the note says what bounds it.
    for text in [
        "The Red Army besieged Port Sel until January.",
        "The Red Army besieged Port Sel until the Blue Front arrived in January.",
    ] {
        let e = one(text, "ASSAULT");
        assert_eq!(e.date, None, "{e:?}");
        assert_eq!(e.date_from, None, "{e:?}");
        assert!(e.date_note.as_deref().is_some_and(|n| n.contains("2021-01")), "{e:?}");
    }
}

#[test]
fn the_press_relaying_a_report_leaves_it_asserted_though_the_kb_does_not_know_the_outlet() {
    let e = one("According to Alphan state television, the Red Army attacked Port Sel.", "ASSAULT");
    assert_eq!(e.status, Status::Asserted, "{e:?}");
    let e = one("According to unnamed sources, the Red Army attacked Port Sel.", "ASSAULT");
    assert_eq!(e.status, Status::Claimed, "{e:?}");
}

#[test]
fn the_speaker_the_press_quotes_makes_the_claim() {
    let e = one("According to Alphan television, a spokesman of the Blue Front said that the Blue Front attacked Port Sel.", "ASSAULT");
    assert_eq!(e.status, Status::Claimed, "{e:?}");
    assert_eq!(e.claimed_by, vec!["blue-front"], "{e:?}");
    let e = one("Betan radio reported on Monday that a spokesman of the Blue Front said the Blue Front attacked Port Sel.", "ASSAULT");
    assert_eq!(e.claimed_by, vec!["blue-front"], "{e:?}");
}

#[test]
fn a_participle_coordinated_with_a_passive_one_is_passive() {
    let evs = events("At least 12 soldiers of the Red Army were killed and 40 wounded near Port Sel.");
    assert!(evs.iter().all(|e| e.source != vec!["red-army".to_string()]), "{evs:#?}");
    assert!(evs.iter().any(|e| e.kind == "ASSAULT" && e.target == vec!["red-army".to_string()]), "{evs:#?}");
}


#[test]
fn a_list_reads_past_a_modifier_before_its_last_name() {
    let evs = events("The Red Army and the rebel Blue Front attacked Port Sel.");
    let sources: Vec<&String> = evs.iter().flat_map(|e| &e.source).collect();
    assert!(sources.contains(&&"red-army".to_string()) && sources.contains(&&"blue-front".to_string()), "{evs:#?}");
}

#[test]
fn an_embedded_act_gives_its_plan_to_every_source_and_no_one_is_their_own_target() {
    let evs = events("Alphaland and Betaland promised to meet.");
    let pledges: Vec<&Event> = evs.iter().filter(|e| e.kind == "AGREE").collect();
    assert_eq!(pledges.len(), 2, "{evs:#?}");
    for e in &pledges {
        assert!(e.plan.as_ref().is_some_and(|p| p.kind == "CONSULT"), "{e:?}");
        assert!(e.target.iter().all(|t| t != "alpha" && t != "beta"), "{e:?}");
    }
    let e = one("Alphaland promised to meet Betaland.", "AGREE");
    assert_eq!(e.target, vec!["beta".to_string()], "{e:?}");
}

#[test]
fn the_subject_is_the_named_actor_an_of_phrase_belongs_to() {
    let e = one("The Gamma Council of Alphaland asked Betaland for weapons.", "REQUEST");
    assert_eq!(e.source, vec!["gamma-council"]);
    assert_eq!(e.target, vec!["beta"]);
}

#[test]
fn a_meeting_that_names_no_place_is_held_where_a_party_was_visiting_that_day() {
    let evs = events("President Una Vell visited Alphaland on Monday. After Zed Marko met with Una Vell on Monday, the two leaders issued a statement.");
    let meeting = evs.iter().find(|e| e.kind == "CONSULT" && e.mode.is_none()).unwrap_or_else(|| panic!("{evs:#?}"));
    assert_eq!(meeting.location.as_ref().map(|l| l.id.as_str()), Some("alpha"), "{meeting:#?}");
}

#[test]
fn a_meeting_keeps_no_place_when_none_of_its_parties_was_visiting() {
    let evs = events("President Una Vell visited Alphaland on Monday. The Blue Front met with the Gamma Council on Monday.");
    let meeting = evs.iter().find(|e| e.kind == "CONSULT" && e.mode.is_none()).unwrap_or_else(|| panic!("{evs:#?}"));
    assert_eq!(meeting.location, None, "{meeting:#?}");
}

#[test]
fn hardware_landing_in_a_country_is_delivered_by_the_state_it_is_named_for() {
    let e = one("Eight Alphan aircraft have landed in Gammaland in support of the Free States Legion.", "AID");
    assert_eq!(e.source, vec!["alpha"]);
    assert_eq!(e.mode.as_deref(), Some("weapons"));
    assert_eq!(e.target, vec!["free-states"], "the purpose phrase names the recipient");
    assert_eq!(e.location.map(|l| l.id), Some("gamma".to_string()));
}

#[test]
fn a_leader_landing_somewhere_is_a_visit_and_his_own_plane_delivers_nothing() {
    let e = one("President Una Vell landed in Alphaland on Monday.", "CONSULT");
    assert_eq!(e.mode.as_deref(), Some("visit"));
    let evs = events("Una Vell's aircraft landed in Alphaland on Monday.");
    assert!(evs.iter().all(|e| e.kind != "AID"), "{evs:#?}");
}

#[test]
fn help_sent_to_a_country_for_someone_there_goes_to_that_someone() {
    let e = one("Betaland sent troops to Gammaland to help the Gamma Council.", "AID");
    assert_eq!(e.source, vec!["beta"]);
    assert_eq!(e.target, vec!["gamma-council"]);
    let e = one("Betaland sent troops to Gammaland.", "AID");
    assert_eq!(e.target, vec!["gamma"], "without a purpose phrase the country receives it");
}

#[test]
fn an_act_awaited_by_a_refusal_or_a_promise_did_not_happen() {
    let evs = events("Zed Marko said his forces would not attack until the Blue Front surrendered.");
    assert!(evs.iter().all(|e| !(e.kind == "RETREAT" && e.status == Status::Asserted) && !(e.kind == "RETREAT" && e.status == Status::Claimed)), "{evs:#?}");
    let e = one("The Red Army besieged Port Sel until the Blue Front surrendered.", "RETREAT");
    assert_eq!(e.source, vec!["blue-front"], "a past siege ended by a real surrender");
    assert_eq!(e.status, Status::Asserted);
}

#[test]
fn a_speakers_pronoun_must_agree_with_the_speaker() {
    // "it" is not the person speaking; "his forces" are the speaker's.
    let evs = events("Zed Marko said the Blue Front attacked Port Sel before it surrendered.");
    assert!(evs.iter().filter(|e| e.kind == "RETREAT").all(|e| e.source != vec!["zed-marko"]), "{evs:#?}");
    let e = one("Una Vell said her forces attacked the Blue Front.", "ASSAULT");
    assert_eq!(e.source, vec!["una-vell"]);
}

#[test]
fn a_denial_appended_to_a_claim_is_a_second_report_of_the_act_by_the_denier() {
    let evs = events("The Blue Front said it had attacked Port Sel, a claim the Red Army denied.");
    let attacks: Vec<&Event> = evs.iter().filter(|e| e.kind == "ASSAULT").collect();
    assert_eq!(attacks.len(), 2, "{evs:#?}");
    assert!(attacks.iter().any(|e| e.status == Status::Claimed && e.claimed_by == ["blue-front"]));
    let denial = attacks.iter().find(|e| e.status == Status::Denied).expect("a denied report");
    assert_eq!(denial.claimed_by, vec!["red-army"]);
    assert_eq!(denial.source, vec!["blue-front"], "the denial is of the same act");
    let evs = events("The Blue Front said it had attacked Port Sel, a claim the Red Army repeated.");
    assert!(evs.iter().all(|e| e.status != Status::Denied), "{evs:#?}");
}

#[test]
fn a_verb_after_and_starts_a_clause_not_a_longer_list_of_names() {
    let e = one("Zed Marko met with Una Vell and formally asked Betaland for help.", "CONSULT");
    assert!(!e.source.contains(&"beta".to_string()) && !e.target.contains(&"beta".to_string()), "{e:?}");
    let e = one("Zed Marko met with Una Vell and formally asked Betaland for help.", "REQUEST");
    assert_eq!(e.target, vec!["beta"]);
}

#[test]
fn a_nationality_styling_a_titled_person_is_no_second_party() {
    let evs = events("Alphan President Una Vell attacked the Blue Front.");
    assert!(evs.iter().filter(|e| e.kind == "ASSAULT").all(|e| !e.source.contains(&"alpha".to_string())), "{evs:#?}");
    assert!(evs.iter().any(|e| e.kind == "ASSAULT" && e.source == ["una-vell"]), "{evs:#?}");
}
