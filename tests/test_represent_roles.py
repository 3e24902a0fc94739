"""Who did what to whom (``represent/roles.py``) as support reads it (``facts.judge``): a source that tells the
same deed with the participants in other roles is not cited; one that tells it in other words, the roles kept,
still is; look-alikes (deeds done together, states, reports, a deed's noun) are not taken for swaps."""

from __future__ import annotations

import pytest

from newsbrief.names.patterns import find_names
from newsbrief.represent.facts import judge, read_facts
from newsbrief.represent.roles import Frame, read_frames


def _verdict(claim: str, source: str) -> str:
    return judge(read_facts(claim), read_facts(source)).status


def _frames(text: str) -> tuple[Frame, ...]:
    return read_frames(text, find_names(text, 0, len(text)))


@pytest.mark.parametrize(("claim", "source"), [
    # agent and patient swapped around one verb
    ("Clinton beat Dole in the election.", "Dole beat Clinton in the election."),
    # the same swap told in the passive by the source
    ("Dole beat Clinton in the election.", "Dole was beaten by Clinton in the election."),
    # a swap across a verb and its noun, the pronoun read as its owner
    ("Kim, who has moved South Korea to a sunshine policy, firmly said his government supports Clinton on the "
     "nuclear issue.", "Clinton restated his support for Kim's policy of engagement with North Korea."),
    # the doer of the claim is the one it is done to in the source (a synonym: rejected / rebuffed)
    ("The United States rejected the request during meetings this week in Pyongyang.",
     "In meetings this week in Pyongyang, U.S. officials were rebuffed in their request to see the site."),
    # the same giver, another receiver, the claim's receiver named in the source as giving
    ("Ecevit already has the support of her arch-rival, outgoing Premier Mesut Yilmaz, head of the other "
     "center-right party.", "He got support from center-right leader Mesut Yilmaz, who said his party supported "
     "Erez as long as he had Ecevit's backing."),
])
def test_participants_in_other_roles_contradict(claim: str, source: str) -> None:
    assert _verdict(claim, source) == "contradicts"


@pytest.mark.parametrize(("claim", "source"), [
    # active / passive of one deed
    ("Dole was beaten by Clinton in the election.", "Clinton beat Dole in the election."),
    ("Clinton beat Dole in the election.", "Dole was beaten by Clinton in the election."),
    # a synonym, the roles kept
    ("Clinton defeated Dole in the election.", "Dole was beaten by Clinton in the election."),
    # support held / given, the roles kept
    ("Yilmaz backs Ecevit for premier.", "Ecevit has the support of Yilmaz for premier."),
    # a deed done to two: the claim's receiver is one of them
    ("Obama endorsed Clinton on Tuesday.", "Obama endorsed Clinton and Kaine on Tuesday."),
])
def test_same_roles_in_other_words_still_support(claim: str, source: str) -> None:
    assert _verdict(claim, source) == "full"


@pytest.mark.parametrize(("claim", "source"), [
    # deeds done together: a swap changes nothing
    ("Smith met Jones on Monday.", "Jones met Smith on Monday."),
    # a deed's noun owned by the one it is done to ("Graham's conviction")
    ("Graham was convicted of a 1981 murder on the testimony of a single eyewitness.",
     "Graham's conviction, based on the testimony of a single eyewitness, drew attention."),
    # a state after "is", not a deed done to the subject
    ("Washington has expressed its concern over settlement expansion in the West Bank.",
     "Indyk reiterated that Washington is concerned about settlement expansion in the West Bank."),
    # "that" opens a clause, it is no determiner of a patient
    ("Trump charged that the media had lied.", "Acosta charged that Trump's decision meant the fix was in."),
    # a report names who it quotes, no deed
    ("Interfax quoted the Interior Ministry as saying the rebels plan more attacks.",
     "Interfax quoted Putin as saying the rebels plan more attacks."),
])
def test_look_alikes_are_no_role_clash(claim: str, source: str) -> None:
    assert _verdict(claim, source) != "contradicts"


def test_frames_read_active_passive_and_held_support() -> None:
    assert Frame("defeat", "clinton", "dole") in _frames("Clinton beat Dole in the election.")
    assert Frame("defeat", "clinton", "dole") in _frames("Dole was beaten by Clinton in the election.")
    assert Frame("support", "mesut yilmaz", "ecevit") in _frames(
        "Ecevit already has the support of her arch-rival, outgoing Premier Mesut Yilmaz.")


def test_no_frame_for_negated_or_catenative_verbs() -> None:
    # a denied deed is polarity's business; "tried to" is no deed of its own
    assert _frames("Yilmaz did not support Ecevit.") == ()
    assert not any(f.deed.startswith("tri") for f in _frames("Wang tried to mount his own defense."))
    assert _frames("the support was broad.") == ()


@pytest.mark.parametrize(("claim", "source"), [
    ("There are reports that troops from Chad and the Sudan are involved in defending Kindu.",
     "Sudan denies involvement in Congo."),
    ("Sudan denied that its troops were involved in the fighting.",
     "Troops from the Sudan are involved in the fighting around Kindu."),
])
def test_denial_against_a_report_of_the_deed_contradicts(claim: str, source: str) -> None:
    assert _verdict(claim, source) == "contradicts"


@pytest.mark.parametrize(("claim", "source"), [
    # both tell the denial
    ("Sudan denied any involvement in the fighting in Congo.", "Sudan denies involvement in Congo."),
    # the charge a denial answers is no deed told as done
    ("Smith was accused of wrongdoing by the board.", "Smith denied any wrongdoing."),
    # "denied recognition to ..." withholds a thing, it denies no deed
    ("The Texas Republican Party gave recognition to the Log Cabin Republicans at its convention.",
     "The Texas Republican Party denied recognition at its convention to the Log Cabin Republicans."),
    # another clause, another word of the same stem ("response" is not "responsibility")
    ("The North hit back at Malaysia on Thursday, saying it was responsible for the death.",
     "North Korea denied any responsibility for the death."),
    ("In response, Malaysia warned North Korea's envoy on Friday.",
     "North Korea denied any responsibility for the death."),
])
def test_denial_look_alikes_not_refused(claim: str, source: str) -> None:
    assert _verdict(claim, source) != "contradicts"
