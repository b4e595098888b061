"""How the safeguarding check reads its word lists, on small lists written here (not the shipped ones).

Each test builds its own small RiskDetector (a few hundredths of a second), so every rule of the list
format is tested on its own: `*` and `#`, `@concepts`, `together` and `within`, `maybe`, `harmless`,
spelling correction, crisis words, the classifier's check-in and the veto, and the errors a broken
list gives. The shipped lists are tested in test_safeguarding.py.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from content.understanding.safeguarding import Family, RiskDetector, SafeguardingFileError, prepare_script

FAMILIES = [
    {"id": "suicide", "label": "Thoughts of suicide", "framework": "C-SSRS", "tier": "clear",
     "lines": ["samaritans", "shout"], "offer_categories": []},
    {"id": "homeless-tonight", "label": "Nowhere safe to sleep tonight", "framework": "HRA", "tier": "clear",
     "lines": ["emergency"], "offer_categories": ["housing"]},
    {"id": "destitution", "label": "No food today", "framework": "destitution", "tier": "clear"},
    {"id": "distress", "label": "Distress", "framework": "check-in", "tier": "possible", "lines": ["samaritans"]},
]
ENGLISH = {
    "language": "en",
    "concepts": {"tonight": ["tonight", "tomorrow night"]},
    "families": {
        "suicide": {
            "phrases": ["@tonight_plan", "end it all", "kill* myself", "*suicidal", "noose", "suicidal", "poison",
                        "take # pills", "say * goodbyes", "sleep forever"],
            "together": [
                {"within": 2, "groups": [["rope"], ["ready"]]},
                {"groups": [["goodbye letter"], ["written"]]},
            ],
        },
        "homeless-tonight": {
            "phrases": ["nowhere to sleep"],
            "together": [{"within": 3, "groups": [["sofa"], ["@tonight"]]}],
            "maybe": {"phrases": ["locked out"]},
        },
        "destitution": {"phrases": ["starving"]},
        "distress": {"phrases": ["cant cope"]},
    },
    "harmless": ["killing myself laughing"],
    "crisis_words": ["emergency", "get help now"],
    "crisis_followups": ["what do i do"],
    "spellings": {"kil": "kill"},
}
ENGLISH["concepts"]["tonight_plan"] = ["doing it tonight"]
EXAMPLES = {
    "messages": [{"text": t, "expect": "clear"} for t in [
        "i want to vanish forever", "vanish and never come back", "i will vanish tonight",
        "nobody would notice if i vanish", "thinking of ending everything", "cant take any more of this",
        "i just cant cope anymore",
    ]] + [{"text": t, "expect": "none"} for t in [
        "how do i apply for the bursary", "when is the sailing club on", "sailing knots class at college",
        "is the gym free for care leavers", "can i get help with council tax", "where is the leisure centre",
        "sailing lessons at the lake", "knots for the sailing class", "what time does the office open",
        "can my personal adviser come with me", "how much is the bus pass", "is there help with driving lessons",
        "who do i talk to about my flat", "my phone number has changed", "can i get a tv licence paid",
        "where do i send my payslips", "how do i register with a doctor", "what is staying put",
        "i start my new job on monday", "thanks that helps a lot", "hello there", "got a new flat in bulwell",
        "can you tell me about apprenticeships", "do i get a birthday card", "how long does the grant take",
        "is there a care leavers event this month", "my college course starts soon",
        "can i take a friend to the gym", "what do i need to bring to the meeting",
    ]],
}


def lists() -> dict[str, dict]:
    """The small lists, file name to content; a test changes its own copy before building."""
    other = {lang: {"language": lang, "families": {}} for lang in ("ar", "fa", "ps")}
    return copy.deepcopy({"families.yaml": {"families": FAMILIES}, "en.yaml": ENGLISH,
                          **{f"{lang}.yaml": data for lang, data in other.items()},
                          "examples/examples.yaml": EXAMPLES})


def build(directory: Path, files: dict[str, object]) -> RiskDetector:
    for name, data in files.items():
        path = directory / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return RiskDetector(directory)


@pytest.fixture
def detector(tmp_path) -> RiskDetector:
    return build(tmp_path, lists())


def level(detector: RiskDetector, text: str) -> tuple[str, str] | None:
    risk = detector.assess(text)
    return (risk.id, risk.level) if risk else None


def refused(tmp_path: Path, files: dict[str, object]) -> str:
    with pytest.raises(SafeguardingFileError) as error:
        build(tmp_path, files)
    return str(error.value)


# --- families ---------------------------------------------------------------------------------------


def test_families_are_read_with_their_label_lines_and_offers(detector):
    expected = Family("suicide", "Thoughts of suicide", "clear", ("samaritans", "shout"), ())
    assert detector.families["suicide"] == expected
    assert detector.families["homeless-tonight"].offer_categories == ("housing",)


# --- phrases: whole words, `*`, `#`, `@concepts` ------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("end it all", ("suicide", "clear")),
    ("ending it all", None),  # a word without `*` is a whole word: "end" is not "ending"
    ("spend it all", None),  # nor the end of a longer word
    ("killing myself", ("suicide", "clear")),  # `*` at the end: any letters after
    ("presuicidal", ("suicide", "clear")),  # `*` at the start: any letters before
    ("take 20 pills", ("suicide", "clear")),  # `#`: any number
    ("take some pills", None),  # ... and only a number
    ("take 20 apples", None),  # the words after `#` still count
    ("say my goodbyes", ("suicide", "clear")),  # `*` alone: any one word
    ("doing it tonight", ("suicide", "clear")),  # an @concept entry
    ("sleep forever", ("suicide", "clear")),  # entries after an @concept entry are still read
    ("kms", ("suicide", "clear")),  # text speak is expanded first ("kms" -> "kill myself")
    ("wnt 2 kil myself", ("suicide", "clear")),  # the lists' own short-word spellings
])
def test_phrases_match_whole_words_with_wildcards(detector, text, expected):
    assert level(detector, text) == expected, detector.why(text)


def test_why_names_the_file_and_the_field_that_matched(detector):
    assert detector.why("end it all") == "suicide (clear): en.yaml: families.suicide.phrases in 'end it all'"
    assert detector.why("the rope is ready") == (
        "suicide (clear): en.yaml: families.suicide.together.0 in 'the rope is ready'")
    assert detector.why("hello there") is None


def test_the_longest_entry_wins_where_entries_overlap(detector):
    # Harmless idioms mask what they match, so "killing myself laughing" must be matched whole, not as
    # a shorter entry that leaves "laughing" behind; the same order keeps together-rule spans honest.
    pattern = detector._pattern(["end it", "end it all", "end"], {}, set(), "test")
    assert pattern.search("i will end it all").group(0) == "end it all"
    pattern = detector._pattern(["took *", "took 20 pills"], {}, set(), "test")  # longer, not later in the alphabet
    assert pattern.search("i took 20 pills").group(0) == "took 20 pills"


# --- together rules ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("rope ready", ("suicide", "clear")),
    ("rope is ready", ("suicide", "clear")),  # first to last word: 2, the `within`
    ("rope is ready now", ("suicide", "clear")),  # a word after the match does not count
    ("ready with the rope", None),  # 3 apart
    ("rope is not ready", None),  # 3 apart
    ("the rope", None),  # every group is needed
    ("written a goodbye letter", ("suicide", "clear")),  # no `within`: anywhere in the message
    ("sofa until tomorrow night", ("homeless-tonight", "clear")),  # a multi-word entry ends on its last word
])
def test_together_rules_need_every_group_within_the_distance(detector, text, expected):
    assert level(detector, text) == expected, detector.why(text)


# --- tiers: maybe, distress, harmless ------------------------------------------------------------------


def test_maybe_words_get_a_check_in_not_an_alarm(detector):
    assert level(detector, "locked out") == ("homeless-tonight", "possible")
    assert detector.why("locked out") == (
        "homeless-tonight (possible): en.yaml: families.homeless-tonight.maybe.phrases in 'locked out'")


def test_a_maybe_check_in_is_not_dropped_when_the_message_reads_as_ordinary(detector):
    # Only vague distress is dropped when the examples read the message as ordinary; a check-in for
    # a named risk ("locked out") stays.
    assert level(detector, "locked out of sailing class") == ("homeless-tonight", "possible")


def test_distress_is_dropped_on_an_ordinary_question_but_not_alone(detector):
    assert level(detector, "cant cope") == ("distress", "possible")
    assert detector.assess("cant cope with sailing knots class at college") is None


def test_harmless_idioms_are_removed_before_checking(detector):
    assert detector.assess("killing myself laughing") is None
    assert level(detector, "killing myself") == ("suicide", "clear")


def test_harmless_idioms_from_every_language_file_are_used(tmp_path):
    files = lists()
    files["ps.yaml"]["harmless"] = ["sailing"]  # the last file read has its own
    detector = build(tmp_path, files)
    assert detector.assess("killing myself laughing") is None


def test_lists_without_any_harmless_idioms_still_work(tmp_path):
    files = lists()
    del files["en.yaml"]["harmless"]
    detector = build(tmp_path, files)
    assert level(detector, "killing myself laughing") == ("suicide", "clear")
    assert detector.assess("hello there") is None


# --- spelling correction ------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("feeling sucidal", ("suicide", "clear")),  # a long misspelt list word is corrected
    ("took poisn", ("suicide", "clear")),  # five letters: corrected ("poison")
    ("got a noosse", ("suicide", "clear")),  # a five-letter list word is a correction target ("noose")
    ("got a noos", None),  # four letters: never corrected (too many short words are one letter off)
    ("ropee ready", None),  # list words under five letters are not correction targets ("rope")
    ("starting college", None),  # a real English word is never corrected ("starting" is not "starving")
    ("got a nothingburger", None),  # not close enough to any list word
    ("sqwerty forever", None),  # nor this ("sleep" is the nearest; "sleep forever" is a phrase)
    ("xyzzy", None),  # no list word starts with its letter
])
def test_misspelt_list_words_are_corrected_and_nothing_else(detector, text, expected):
    assert level(detector, text) == expected, detector.why(text)


def test_corrections_are_kept_and_give_the_same_answer_again(detector):
    assert level(detector, "so sucidal") == ("suicide", "clear")
    assert level(detector, "very sucidal") == ("suicide", "clear")  # "sucidal" now corrected from memory


def test_many_different_messages_are_all_answered(detector):
    # The last answers are kept per process by text; more messages than it keeps must still be answered.
    for n in range(100):
        assert detector.assess(f"message number {n}") is None
    assert level(detector, "end it all") == ("suicide", "clear")


# --- the classifier and the veto ------------------------------------------------------------------------


def test_the_classifier_raises_a_check_in_on_two_words_in_the_messages_language(detector):
    risk = detector.assess("vanish tonight")
    assert risk is not None and (risk.id, risk.level, risk.language) == ("distress", "possible", "en")
    assert detector.assess("vanish") is None  # one word is left to the lists


def test_an_alarm_in_a_message_like_the_harmless_examples_becomes_a_check_in(detector):
    text = "noose knots for sailing class"  # five words: the veto applies
    risk = detector.assess(text)
    assert risk is not None and (risk.id, risk.level, risk.language) == ("suicide", "possible", "en")
    assert "examples disagree" in detector.why(text)
    assert level(detector, "noose knots sailing class") == ("suicide", "clear")  # four words: the alarm stands


# --- crisis words and follow-ups -----------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("emergency", "en"),
    ("emergency pls", "en"),  # half the message
    ("get help now please right now", "en"),  # six words, half of them help words
    ("emergency fund open", None),  # a third
    ("get help now get help now please", None),  # seven words: a message, not a request
    ("", None),
])
def test_typed_requests_for_help(detector, text, expected):
    assert detector.asks_for_help(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("what do i do", True),
    ("ok what do i do now", True),  # six words
    ("what do i do about my council tax bill", False),  # a question, not a follow-up
    ("emergency", True),  # a request for help is a follow-up too
    ("hello there", False),
    ("", False),
])
def test_crisis_follow_ups(detector, text, expected):
    assert detector.is_crisis_followup(text) is expected


# --- Arabic-script letters ------------------------------------------------------------------------------


def test_persian_mi_is_joined_to_its_verb_and_arabic_letters_take_one_form():
    assert prepare_script("نمی خوام") == "نمیخوام"
    assert prepare_script("می خوام برم") == "میخوام برم"
    assert prepare_script("أريد") == prepare_script("اريد")


# --- broken lists --------------------------------------------------------------------------------------


def test_a_file_that_is_not_a_mapping_is_refused_as_a_whole(tmp_path):
    files = lists()
    files["families.yaml"] = "- just\n- a list\n"
    message = refused(tmp_path, files)
    assert "families.yaml: (file): " in message


def test_every_problem_in_a_file_is_named(tmp_path):
    files = lists()
    del files["families.yaml"]["families"][0]["label"]
    files["families.yaml"]["families"][1]["tier"] = "sometimes"
    message = refused(tmp_path, files)
    assert "families.0.label: Field required; families.1.tier: " in message


def test_the_distress_family_is_needed(tmp_path):
    files = lists()
    files["families.yaml"]["families"] = FAMILIES[:3]
    del files["en.yaml"]["families"]["distress"]
    assert refused(tmp_path, files) == f"{tmp_path / 'families.yaml'}: families: needs a `distress` family"


def test_examples_that_cannot_be_used_are_refused_with_the_folder(tmp_path):
    files = lists()
    files["examples/examples.yaml"] = {"messages": [m for m in EXAMPLES["messages"] if m["expect"] == "clear"]}
    assert refused(tmp_path, files).startswith(f"{tmp_path / 'examples'}: the examples need both")


@pytest.mark.parametrize(("where", "expected"), [
    (("families", "suicide", "phrases"), "en.yaml: families.suicide.phrases: @missing: no such concept"),
    (("families", "homeless-tonight", "together", 0, "groups", 0),
     "en.yaml: families.homeless-tonight.together.0: @missing: no such concept"),
    (("harmless",), "harmless: @missing: no such concept"),
    (("crisis_words",), "en.yaml: crisis_words: @missing: no such concept"),
    (("crisis_followups",), "en.yaml: crisis_followups: @missing: no such concept"),
])
def test_an_unknown_concept_is_refused_with_where_it_is(tmp_path, where, expected):
    files = lists()
    entries = files["en.yaml"]
    for key in where:
        entries = entries[key]
    entries.insert(0, "@missing")
    assert expected in refused(tmp_path, files)


def test_a_concept_inside_a_concept_is_refused(tmp_path):
    files = lists()
    files["en.yaml"]["concepts"]["tonight_plan"] = ["@tonight"]
    assert "en.yaml: families.suicide.phrases: @tonight: no such concept" in refused(tmp_path, files)


@pytest.mark.parametrize(("entry", "expected"), [
    ("!!!", "en.yaml: families.suicide.phrases: '!!!': has no letters after normalising"),
    ("   ", "en.yaml: families.suicide.phrases: an empty entry"),
])
def test_an_entry_without_letters_is_refused(tmp_path, entry, expected):
    files = lists()
    files["en.yaml"]["families"]["suicide"]["phrases"].append(entry)
    assert expected in refused(tmp_path, files)
