"""Building blocks for CCRT relationship episodes told in a session.

An episode sentence is a frame (``frame.other`` or ``frame.therapist``) filled with a scene,
a wish (``wish.<key>`` after "wanted"), a response of the other (``ro.<key>``, a past-tense
verb phrase after the other's name; ``ro_t.<key>`` after "I" when the other is the
therapist) and a response of self (``rs.<key>``, a verb phrase after the client's pronoun;
``rs_t.<key>`` when the other is the therapist).
Fragments never use the other person's pronoun, so any significant other fits. Same bank
format as `db.demo.vignettes_defenses_high`.
"""

BANK = """
@ frame.other
- {P} told me about {scene}: {p} had wanted {wish}, {conj} {o} {ro}, and {p} {rs}.
- {P} described {scene}. {P} had wanted {wish}; {o} {ro}, and in the end {p} {rs}.
- During {scene}, {p} said, {p} had wanted {wish}. {O} {ro}. {P} {rs}.
- The clearest episode of the hour was {scene}: {p} wanted {wish}, {conj} {o} {ro}; {p} {rs}.
- {P} went back over {scene}, where {p} had wanted {wish}; {o} {ro}, and {p} {rs}.
- Almost in passing {p} mentioned {scene}. {P} had wanted {wish}, {conj} {o} {ro}, and {p} {rs}.

@ frame.therapist
- {P} came back to {scene}: {p} had wanted {wish}, and had felt that I {ro}; {p} {rs}.
- Talking about {scene}, {p} said {p} had wanted {wish}, {conj} it had seemed to {obj} that I
  {ro}, and {p} {rs}.
- {P} told me that in {scene} {p} had wanted {wish}; {p} had been sure that I {ro}, and {p} {rs}.

@ scene.other
- a phone call with {o_full} on {day}
- dinner with {o_full} at the weekend
- an exchange of messages with {o} late one night
- the drive home with {o} after {event}
- a row with {o_full} about money
- a conversation with {o} in the kitchen
- {event}, when {o} was also there
- a walk with {o_full} on {day} afternoon
- breakfast with {o} on the morning of {event}
- a video call with {o_full}
- the evening {o} heard about {task}
- a visit from {o_full}

@ scene.therapist
- the end of our last session
- the moment I had given {obj} the dates of {brk}
- last week's session, when I had started a few minutes late
- a comment I had made about {o}
- the long silence at the start of last week's session
- the moment I had asked about {parent}

@ wish.ccrt.w.assert_independent
- to make the decision about {task} on {pos} own
- to be left to handle it {pos} own way
- to go away for the weekend without having to justify it
- to be treated as an adult who knew {pos} own mind

@ wish.ccrt.w.oppose_control
- to get back at {o} for the comment about {pos} work
- to win the argument once and for all
- to make {o} feel what it was like to be ignored
- to be the one who decided, for once

@ wish.ccrt.w.be_controlled
- someone else to take charge and tell {obj} what to do
- {o} to decide for {obj}, so that it would not be {pos} fault if it went wrong
- to be looked after without having to ask
- to hand the whole thing over

@ wish.ccrt.w.be_distant
- to keep out of it and not be drawn into another row
- to be left alone for a while
- to avoid the conversation altogether
- to keep the peace at any cost

@ wish.ccrt.w.be_close
- to be close to {o} again, the way it used to be
- to be included in the plans
- to spend an ordinary evening together without a fight
- {o} to stay a little longer

@ wish.ccrt.w.be_loved
- to be noticed and taken seriously
- {o} to understand without {obj} having to spell it out
- to hear that {p} mattered
- to be loved for who {p} {was}, not for what {p} did

@ wish.ccrt.w.feel_good
- to feel calm and not have to think about anything
- simply to enjoy the weekend
- to feel at ease for once
- to feel safe

@ wish.ccrt.w.achieve_help
- to do something useful for {o}
- to do well at {task} and be proud of it
- to help {o} through a bad week
- to get it right

@ wish_t.ccrt.w.assert_independent
- to decide for {refl} whether to come the following week
- to show me that {p} could manage without my help

@ wish_t.ccrt.w.oppose_control
- to prove me wrong
- to make me feel what it was like to wait

@ wish_t.ccrt.w.be_controlled
- me to tell {obj} what to do
- me to take the decision out of {pos} hands

@ wish_t.ccrt.w.be_distant
- to keep me at a distance
- not to have to talk about it with me

@ wish_t.ccrt.w.be_close
- to feel closer to me
- me to ask more about {pos} week

@ wish_t.ccrt.w.be_loved
- me to understand without {obj} having to explain
- to feel that {p} mattered to me

@ wish_t.ccrt.w.feel_good
- the session to be easy for once
- to leave feeling better than when {p} came in

@ wish_t.ccrt.w.achieve_help
- to be a good client and bring something useful
- to show me how much progress {p} had made

@ ro.ccrt.ro.strong
- took charge and sorted everything out in an afternoon
- was completely sure of what should happen
- seemed unshakeable, as always
- knew at once what to do

@ ro.ccrt.ro.controlling
- told {obj} exactly how it should be done
- took over the arrangements without asking
- checked up on {obj} twice a day
- made the decision for {obj}

@ ro.ccrt.ro.upset
- got upset and started crying
- became anxious and kept phoning
- was hurt and went quiet
- fell apart

@ ro.ccrt.ro.bad
- made a cruel remark about {pos} appearance
- lied about where the money had gone
- shouted at {obj} in front of everyone
- turned up drunk again

@ ro.ccrt.ro.rejecting
- brushed it aside and changed the subject
- did not reply for three days
- said {p} {was} being ridiculous
- turned away

@ ro.ccrt.ro.helpful
- offered to come round straight away
- helped with the forms without being asked
- made space for {obj} to talk
- gave practical advice that actually helped

@ ro.ccrt.ro.likes_me
- seemed genuinely pleased to see {obj}
- asked {obj} to stay for dinner
- said {p} had been missed
- laughed at {pos} jokes and wanted to hear more

@ ro.ccrt.ro.understanding
- listened without interrupting
- seemed to understand what {p} meant before {p} had finished
- said it made sense that {p} {was} upset
- took {obj} seriously

@ ro_t.ccrt.ro.strong
- was sure of myself and unshakeable
- knew exactly what I was doing

@ ro_t.ccrt.ro.controlling
- was steering {obj} somewhere {p} did not want to go
- was setting the rules and {p} had to follow them

@ ro_t.ccrt.ro.upset
- had been hurt by what {p} said
- was worried about {obj}

@ ro_t.ccrt.ro.bad
- was being cold on purpose
- had enjoyed catching {obj} out

@ ro_t.ccrt.ro.rejecting
- wanted to be rid of {obj}
- had not really been listening

@ ro_t.ccrt.ro.helpful
- was trying to help
- had given {obj} something useful to think about

@ ro_t.ccrt.ro.likes_me
- was pleased to see {obj}
- liked {obj} more than {p} had expected

@ ro_t.ccrt.ro.understanding
- had understood
- could bear to hear it

@ rs_t.ccrt.rs.helpful
- tried hard to make the session easier for me
- apologised and reassured me that it was fine

@ rs_t.ccrt.rs.unreceptive
- went silent for the rest of the hour
- changed the subject

@ rs_t.ccrt.rs.respected
- felt taken seriously
- felt that I respected {pos} view

@ rs_t.ccrt.rs.oppose_hurt
- said something cutting about my room
- told me therapy was a waste of money

@ rs_t.ccrt.rs.self_confident
- said so, calmly
- disagreed with me openly

@ rs_t.ccrt.rs.helpless
- felt there was nothing {p} could do
- sat and waited for the hour to end

@ rs_t.ccrt.rs.disappointed
- went home feeling flat
- felt the whole thing was pointless

@ rs_t.ccrt.rs.anxious_ashamed
- felt embarrassed for having said anything
- worried all week that {p} had been too much

@ rs.ccrt.rs.helpful
- ended up making everyone tea and smoothing it over
- offered to help anyway
- took care of everything
- spent the evening reassuring everyone

@ rs.ccrt.rs.unreceptive
- shut down and stopped listening
- said nothing and left early
- changed the subject
- went cold

@ rs.ccrt.rs.respected
- felt, for once, that {p} counted
- felt accepted
- felt taken seriously
- felt respected and able to say more

@ rs.ccrt.rs.oppose_hurt
- shouted back and slammed the door
- said something {p} knew would hurt
- refused to speak for the rest of the day
- sent a long, furious message

@ rs.ccrt.rs.self_confident
- held {pos} ground calmly
- stayed steady and said what {p} thought
- felt clear about what {p} wanted
- handled it with a calm that surprised {obj}

@ rs.ccrt.rs.helpless
- felt small and helpless
- did not know what to do and just sat there
- gave in
- felt paralysed

@ rs.ccrt.rs.disappointed
- went home feeling flat and let down
- spent the evening in bed, low
- felt that it was always going to be like this
- felt hopeless

@ rs.ccrt.rs.anxious_ashamed
- felt ashamed for having asked
- lay awake worrying about what {p} had said
- felt exposed and embarrassed
- felt stupid for hoping
"""
