"""Untagged prose: openings, connecting sentences, closings and the progress-note parts.

These carry the session's frame (lateness, breaks, cancellations, the ending) and the
ordinary texture of an hour, so that the tagged passages sit inside readable notes.
Same bank format as `db.demo.vignettes_defenses_high`.
"""

BANK = """
@ opening.first
- First meeting with {name}, {age}, who came because of {presenting}.
- First assessment session. {name} is {age} and works as {job}; {p} had been referred by {pos} GP
  because of {presenting}.
- Initial consultation with {name}, {age}. In {pos} own words, {p} had come because of
  {presenting}.

@ opening.first_more
- {P} sat very upright and answered my questions carefully, watching my face after each answer.
- {P} said {p} had put off calling for months and had nearly cancelled this morning.
- {P} had brought a typed list of things to tell me and read from it for the first few minutes.
- We agreed on the frame: weekly sessions of fifty minutes at the same time, and how
  cancellations would work.
- I explained how the sessions would work and what happens to my notes; {p} listened closely and
  asked whether anything would be shared with {pos} employer.

@ opening.any
- {P} arrived {late} late and said the bus had been stuck behind roadworks.
- {P} arrived on time, took off {pos} coat slowly and sat for a while without looking at me.
- {P} {was} early, and I heard {obj} pacing in the waiting room before I opened the door.
- {P} came in talking, already halfway into a story about {event}.
- {P} arrived wet from the rain and spent the first minutes drying {pos} glasses and apologising.
- {P} looked tired, with dark rings under {pos} eyes, and said {p} had slept badly all week.
- {P} began by saying {p} did not know where to start.
- {P} sat down heavily and said it had been 'a week'.
- The session began with a silence that lasted nearly five minutes.
~ {P} arrived on time, holding a coffee from the café on the corner, and seemed brighter than
  last week.
- {P} {was} {late} late and came in slightly out of breath, saying a meeting had overrun.
- {P} came straight from work, still wearing {pos} lanyard, and said {p} had thought about
  cancelling.

@ opening.early
- {P} asked again, near the start, whether what {p} said here would stay between us.
- {P} still seemed to be finding {pos} way into the sessions, waiting for me to ask before saying
  anything.
- {P} wanted to know how many sessions people usually needed, and whether {p} {was} 'a bad case'.

@ opening.late
- With {left} sessions left, the ending was in the room from the start, even before either of us
  named it.
- {P} began by counting: {left} more sessions, {p} said, and then laughed at {refl} for keeping
  track.

@ opening.last
- Our last session. {P} arrived early and had brought a card, which {p} left on the table until
  the end.
- This was our final session, after {n} meetings; {p} came in quietly and sat in the usual chair.
- The last session. {P} said {p} had not slept much and had walked the long way here.

@ opening.after_break
- First session after {brk}. {P} said the weeks had gone quickly and then, a little later, that
  {p} had been counting them.
- We met again after {brk}; {p} {was} polite and a little distant at first, as if we had to get to
  know each other again.
- {P} came back from {brk} looking rested and said {p} had hardly thought about therapy at all.
- The first session after {brk}. {P} told me the second week had been hard and that {p} had nearly
  written to me.

@ opening.after_cancel_client
- {P} had cancelled last week's session by text an hour beforehand, saying {p} {was} unwell; today
  {p} did not mention it until I did.
- {P} apologised for missing last week, explaining that {event} had taken over everything.
- After last week's missed session {p} began by asking whether I had been annoyed.

@ opening.after_cancel_therapist
- I had cancelled last week because I was ill; {p} asked politely whether I was better and then
  said, a little too quickly, that the week off had been useful.
- This was our first meeting since I had cancelled last week's session at short notice. {P} said
  it had been no trouble at all.

@ filler.any
- {P} talked for a while about the building work next door and the dust that got into everything.
- There was a long pause.
- {P} mentioned that {o} had been in touch about {event}.
- We talked about the practical side of {task}.
- {P} said the week at work had been busy but uneventful.
- Outside, someone was mowing a lawn, and for a moment we both listened to it.
- {P} looked out of the window for a while before going on.
~ {P} returned to {event}, adding details I had not heard before.
- {P} told me {p} had started walking to work instead of taking the bus.
- The conversation drifted to {pos} plans for the weekend.
- Then {p} said, almost as an afterthought, that {o} had phoned on {day}.
- We sat in silence for a minute or two; it did not feel uncomfortable.
- {P} asked whether I minded if {p} opened the window.
- {P} spoke about {thing} that {p} had found while clearing out a drawer.
~ {P} said {p} had been sleeping a little better.
- {P} described a moment {where} on {day} when {p} had felt {feeling} without knowing why.
- {P} {was} quiet for a while, turning a ring on {pos} finger.
- {P} mentioned {o2} briefly and moved on.
- {P} talked about {pos} work as {job}, the long shifts and the one colleague {p} trusted.
- The heating ticked; {p} pulled {pos} sleeves down over {pos} hands.
~ {P} said {p} had not written anything down this week, though {p} had meant to.
- {P} laughed briefly, then seemed embarrassed by the laugh.
- A lot of the middle part of the hour was about {task}.
- {P} told me about a film {p} had watched with {o2}, and the scene that had stayed with {obj}.
- {P} said {p} had been to the café near {pos} flat every morning, just to be among people.
- {P} asked what time it was and then said it did not matter.
- {P} wondered whether to tell {o2} about coming here, and decided, for now, not to.
- Then the conversation moved, without much transition, to {event}.
- {P} said the garage had phoned twice that week about the car, and both times it was nothing.
- {P} said {p} had had a strange moment of déjà vu on the stairs coming up.
- {P} spoke for a few minutes about money: the rent, a bill that had come in, what {p} could
  afford.
- {P} described the new flat: two rooms, a small balcony, and a landlord who answered emails.
- A door banged somewhere in the building, and {p} lost {pos} train of thought for a moment.
- {P} talked about the weather, the dark mornings, how hard it was to get up.
- {P} described the commute in some detail: the crowded platform, the same faces each morning.
- {P} spent a few minutes on a disagreement at work about holiday dates.
- {P} mentioned {pos} health: a cold that would not clear, a dentist's appointment put off again.
- {P} said {p} had been cooking more, mostly things {pos} grandmother used to make.
- We talked for a while about {o2}, who had been unwell.
- {P} paused, then said {p} had lost what {p} {was} going to say.
- {P} said {p} had spent most of {day} tidying, which {p} did when {p} could not settle.
- {P} showed me a photograph on {pos} phone of the view from {pos} kitchen window.
- {P} described a long walk by the river on {day}, alone, and the relief of it.
- {P} had been reading a novel about a family that stops speaking to each other, and said it was
  'a bit close to home'.

@ filler.early
- {P} said {p} had looked at several therapists' websites before choosing, and had nearly
  chosen someone else.
- I asked about sleep, appetite and drinking; {p} answered briskly, as if these were the easy
  questions.
- {P} described {pos} flat and the people {p} shared {pos} days with, in a few quick strokes.
- We talked about what {p} hoped would be different if the therapy helped.
- {P} wondered how much to tell me so early, and said so.
- {P} gave a brief account of {pos} schooling, skipping quickly over one particular year.
- I asked whether {p} had been in therapy before; {p} said once, briefly, at university, and that
  it had 'not really taken'.
- I asked about {pos} family, and {p} sketched it quickly: {parent}, a sibling abroad, cousins
  {p} rarely saw.
- {P} told me a little about {pos} work as {job} and about how {p} had come to it.
- We spent some time on the history: where {p} grew up, the schools, the moves.
- {P} asked what I thought was wrong with {obj}, and I said we would try to understand it together.
- {P} said {p} had never talked to anyone like this before and did not know if {p} {was} doing it
  right.

@ filler.middle
- {P} said something we had talked about last month had come back to {obj} during the week.
- {P} referred to 'the thing we always get back to', and smiled.
- The rhythm of the hour felt familiar; {p} seemed to know where {p} wanted to go.

@ filler.late
- {P} wondered what {p} would do with the hour on this day of the week once we had finished.
- {P} said that {friend} had asked how therapy was going, and that for once {p} had known what to
  say.
- {P} said {p} had been thinking about what {p} would take away from all this.
- {P} remarked that a year ago {p} could not have talked about any of this.
- {P} mentioned, lightly, that the waiting room would look the same when {p} {was} gone.

@ ending.last
- We looked back together at where {p} had started, {presenting}, and at how differently the last
  months had felt.
- {P} said {p} wanted to use part of the hour to go over what had changed, and we did, slowly.
- {P} talked about what {p} would miss and what {p} would not, and was able to say both.
- I said something about our ending and what it might stir of earlier goodbyes; {p} listened and
  said {p} thought {p} could bear this one.

@ closing.any
- At the end {p} stood up quickly and said, 'same time next week.'
- We finished on time; {p} left without looking back.
- At the door {p} hesitated, as if to say something, and then went.
- {P} gathered {pos} things slowly at the end and thanked me.
- The hour ended mid-thought; {p} said {p} would hold on to it until next week.
- {P} left looking lighter than when {p} came in.
- At the end {p} asked whether we were still on for next week, which we were.

@ closing.first
- At the end I offered to meet again next week to continue the assessment, and {p} agreed.
- We agreed to meet for three more assessment sessions and then decide together how to go on.

@ closing.late
- Before {p} left we spoke briefly about the ending: {left} sessions to go.
- At the end {p} said, 'not many left now', and I agreed that there were {left}.

@ closing.last
- At the door {p} shook my hand and said, 'thank you, really', and was gone before I could answer.
- We said goodbye. I told {obj} that {p} could get in touch in the future if {p} needed to, and
  {p} nodded and smiled.
- {P} left the card on the table. I read it after {p} had gone: a single line, and {pos} name.

@ closing.before_break
- I reminded {obj} that this was our last session before {brk}; {p} nodded and said {p} knew, of
  course.
- Before we finished I confirmed the date we would start again after {brk}, and {p} wrote it down
  carefully.
- At the end {p} wished me a good break in a bright voice that did not quite match {pos} face.

@ progress.attendance
- Session {n}, individual psychodynamic psychotherapy, 50 minutes; client attended on time.
- Session {n}: 50-minute individual session; client arrived on time.
- Session {n} (individual, 50 minutes), attended as scheduled.

@ progress.late
- Session {n}, individual psychodynamic psychotherapy, 50 minutes; client arrived {late} late.

@ progress.topics
- Explored {topic_a} and {topic_b}.
- Main focus: {topic_a}; also {topic_b}.
- Discussed {topic_a}, with some work on {topic_b}.

@ progress.state
- Mood low but reactive; no risk issues raised.
- Presented as anxious but engaged; no safety concerns.
- Mood stable; engaged well; no risk concerns.
- Presented as tired and somewhat flat; denied any thoughts of self-harm.
- Affect appropriate and reactive; no risk issues identified.

@ progress.plan
- Plan: continue weekly sessions.
- Plan: continue weekly psychotherapy as agreed.
- Next session at the usual time.
"""
