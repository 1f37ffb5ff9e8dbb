"""Passage templates for process themes: technique, alliance and the psychodynamic features.

Same bank format as `db.demo.vignettes_defenses_high`.
"""

BANK = """
@ process.focus_on_affect
- I slowed {obj} down when {pos} voice caught and asked what {p} {was} feeling just then; after a
  long pause {p} said, 'sad, I think, really sad.'
- I said that {p} seemed {feeling} as {p} talked about {o}, and {p} nodded and stayed with it for
  a while.
- I drew attention to the clenched hands and the laugh, and {p} said there was anger there that
  {p} did not want to feel.
- When I asked what it was like to say it out loud, {p} said 'like being seven and in trouble',
  and {pos} eyes filled.
- We stayed with the feeling rather than the story for a few minutes, and it shifted from
  irritation into something closer to grief.
= Stayed with the affect; it deepened.
= Named the feeling in the room.
= From story to feeling.

@ process.exploring_avoidance
- I noticed that each time we came close to the subject of {o}, {p} changed topic, and said so
  gently; {p} smiled and said, 'caught.'
- I wondered aloud what made it hard to talk about {event} today, and {p} said {p} {was} afraid
  that once {p} started {p} would not stop.
- I pointed out that {p} had spent most of the hour on the logistics of {task} and very little on
  what it meant, and {p} went quiet.
- I said it seemed safer to talk about work than about the weekend, and after a silence {p}
  agreed.
- I commented that {p} had mentioned the letter three times without saying what was in it; {p}
  said {p} had not wanted to bring it in here.
= Named what was being steered around.
= Avoidance explored, not just noticed.
= The gap in the material, pointed to.

@ process.recurring_patterns
~ I said it seemed to be happening again: as soon as someone came close, {p} found a reason to
  leave before {p} could be left.
~ We noticed together that with {pos} manager, with {o} and now with me the same sequence had
  played out: hope, a small slight, then withdrawal.
- {P} recognised that this was the third job {p} had left after a clash with someone in
  authority, and said, 'there it is again.'
- I pointed out the pattern of agreeing to everything and then feeling furious, which {p} had
  described both with {o} and at work in the same week.
~ {P} said {p} could now see how {p} chose people who needed rescuing, and how it always ended
  with {obj} exhausted and resentful.
= The familiar sequence, named.
= Same pattern across three relationships.
= Pattern recognised by {obj} this time.

@ process.past_experience
- {P} talked about growing up in the flat above the shop, and about {memory}.
- {P} remembered {memory}, when {p} {was} about {age_then}, and said {p} had not thought of it for
  years.
- {P} spoke for the first time about {pos} grandmother's house, where {p} had spent the summers,
  and the quiet there.
- {P} described the family dinners of {pos} childhood: the television on, nobody asking anyone
  anything, the plates cleared in silence.
- {P} brought a memory from primary school, {memory}, and said {p} had never told anyone.
= Early history; new material.
= Childhood memory brought in.
= First time this memory has been told.

@ process.interpersonal_relations
- We spent some time on {pos} friendship with {friend}, which {p} said had become one-sided.
- {P} talked about how hard it was to ask {o} for anything without feeling like a burden.
- {P} described the tension at home since {task} began, and the small daily negotiations about
  time and space.
- We looked at how {p} behaved in meetings, always the one to smooth things over, and what it
  cost {obj}.
- {P} described feeling on the outside of the group at work, watching the others make plans for
  lunch.
= Relationships outside the room.
= How {p} {is} with others, looked at closely.
= Interpersonal focus.

@ process.therapy_relationship
- I asked how it had been when I was a few minutes late starting today, and {p} admitted {p} had
  wondered whether I had forgotten {obj}.
- I wondered whether {p} might be feeling about me some of what {p} had described with {o}: that
  I was waiting to be disappointed in {obj}.
~ We talked about how {p} used the sessions; {p} said {p} often prepared a topic in advance so
  that there would be no silence between us.
~ {P} said {p} sometimes imagined me rolling my eyes after {p} left, and we were able to look at
  that together.
~ I took up the careful way {p} thanked me at the end of each session, and {p} said {p} wanted me
  to know {p} {was} not ungrateful.
= Brought the relationship with me into view.
= Here-and-now focus on us.
= Transference taken up directly.

@ process.fantasy_life
- {P} told me about a recurring fantasy of moving to a small island and not telling anyone where
  {p} had gone.
- {P} admitted imagining a school reunion in which everyone could finally see how far {p} had
  come, and was embarrassed by how much comfort it gave.
~ {P} said that on the walk here {p} often imagined what I would say, and that the imagined me
  was always kinder than the real one.
- We explored a daydream of rescuing a child from a river, and what it might mean that {p} {was}
  both the child and the rescuer.
- {P} described imagining the conversation {p} would one day have with {o}, in which {o} finally
  apologised.
= Fantasy life explored.
= Daydream as a window on the wish.
= Imagined scene brought in; rich.

@ process.dream_material
- {P} brought a dream: {dream}. {P} woke feeling {feeling} and could not shake it all morning.
~ {P} said {p} had dreamt that {dream}, and associated it first with {event} and then,
  hesitantly, with our sessions.
- In a dream from the night before, {dream}; {p} said the strangest part was that {p} had not
  been frightened.
- {P} recounted a short dream, that {dream}, and laughed it off, but came back to it twice later
  in the hour.
- {P} had dreamt that {dream}; asked what came to mind, {p} said the house had looked like
  {pos} grandmother's.
= Dream brought; associations followed.
= Dream material, probably about the therapy.
= Dream worked with.

@ process.free_association
- {P} let {pos} mind wander from the dentist to {pos} grandmother's kitchen to a song from school,
  and then stopped, surprised at where {p} had ended up.
- Following {pos} associations, {p} moved from the cracked phone screen to a broken window in the
  house {p} grew up in, and said, 'that's odd.'
- {P} said whatever came to mind, {thing}, the smell of the school corridor, a teacher's voice,
  and I let the chain run without interrupting.
- {P} began with the weather and, by way of a train timetable and an old postcard, arrived at the
  day {parent} left.
- When I asked what came to mind about {thing}, {p} said 'my mother's handbag', then 'waiting',
  then fell silent.
= Associations ran freely; followed them.
= Chain of associations led somewhere.
= Free associating more easily.

@ process.resistance
- {P} said {p} had nothing to talk about today, and the first twenty minutes were mostly silence
  and small remarks about the traffic.
~ {P} arrived late, asked whether we could finish early, and said {p} {was} 'all talked out', the
  week after an important session.
- {P} dismissed each observation as 'probably true but not helpful', and I felt we were circling
  something {p} did not want to approach.
- {P} spent the hour recounting a television series in detail, and when I wondered about it, {p}
  said {p} just felt like talking about something else.
~ {P} had forgotten {pos} diary and could not confirm the next dates, the week I had mentioned
  {brk}.
= Resistance after a deeper session.
= Not wanting to know, today.
= Circling; something being kept out.

@ process.working_through
~ {P} came back to the theme of being left, this time without collapsing into it; {p} could feel
  the old fear and still think.
~ {P} said {p} had noticed the familiar pull to placate {o} at the weekend, and had let it pass
  without acting on it.
~ We returned once more to {parent} leaving; it felt less raw, more like a story {p} could tell
  and survive.
~ {P} said that what we had talked about so many times now happened to {obj} in the moment, not
  only afterwards, and that {p} could choose differently.
~ There was a sense of going over familiar ground, but with new detail and less shame, and {p}
  said as much.
= Working through: familiar theme, new capacity.
= Old pattern noticed in the moment.
= Less raw; more owned.

@ process.interpretation
~ I suggested that the anger at {o} might also be anger at me about {brk}, which {p} could not yet
  risk feeling towards me directly.
- I said that perhaps being useless was a way of making sure no one expected anything, and so
  could not be disappointed.
- I offered that {p} might be punishing {refl} for wanting more than {p} had been allowed as a
  child.
- I put it to {obj} that arriving late might be a way of deciding for {refl} how much of the
  session to risk.
~ I interpreted the wish to stop therapy as a wish to leave before being left, as with {o}.
= Interpretation offered; partial take-up.
= Linked the defence to the wish.
= Transference interpretation.

@ process.past_present_link
- I linked {pos} dread of the appraisal to the school reports {p} had described, waiting at the
  kitchen table for a verdict.
- {P} made the link {refl}: the way {p} waited for {o} to call was the way {p} had once waited at
  the window for {parent} to come home.
- When I connected the present panic to being sent away at {age_then}, {p} {was} quiet and then said
  it made a horrible kind of sense.
- I wondered whether feeling invisible at work echoed being the middle child in a loud family, and
  {p} said it was exactly that.
~ We traced the fear of my holidays back to the year {pos} parents separated, when every goodbye
  might have been for good.
= Then and now connected.
= Past-present link; felt, not only understood.
= Genetic link made.

@ process.alliance_rupture
- {P} became cold and withdrawn after I commented on the lateness, and said {p} did not see the
  point of coming if all I did was criticise.
~ {P} said the last session had been useless and that I had not understood anything, and for a
  while it was unclear whether {p} would stay.
- Something went wrong when I mentioned {o}; {p} went silent and answered in single words for the
  rest of the hour.
~ {P} told me {p} had nearly not come today because of what I had said about {parent}, and that
  {p} felt I had taken sides.
- I felt a chill in the room after my comment about the fee; {p} said 'fine' and looked at the
  floor.
= Rupture; withdrawal after my comment.
= Alliance strained. Repair needed.
= Confrontation rupture.

@ process.alliance_repair
~ I acknowledged that my remark last week had come out more sharply than I meant, and {p}
  visibly relaxed.
- We went back to the moment where things had gone wrong, and {p} {was} able to say how hurt {p} had
  been; I said I could see why.
~ {P} said {p} had been angry with me but had decided to come and say so, and we could talk about
  it without either of us retreating.
- I said that I might have rushed {obj}, and {p} said yes, and then, after a pause, that it helped
  that I could say it.
~ By the end something of the usual warmth had returned; {p} thanked me on the way out, more
  lightly than usual.
= Repair: the rupture talked through.
= My part acknowledged; alliance restored.
= Back on track.
"""
