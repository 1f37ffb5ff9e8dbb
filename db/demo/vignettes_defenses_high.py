"""Passage templates for the adaptive and neurotic defenses (DMRS levels 7 to 5).

The bank format is described in `db.demo.vignettes`: ``@ key`` starts a theme, ``-`` a
template (one or two sentences that show the theme), ``=`` a short evidence comment in the
clinician's voice; indented lines continue the item above.
"""

BANK = """
@ dmrs.affiliation
- {P} said that after the argument {p} had phoned {pos} friend {friend} and talked it through for
  an hour, which had helped {obj} sleep.
~ Instead of keeping it to {refl} as usual, {p} had told {o} how frightened {p} {was} about the
  results, and {o} had gone with {obj} to the appointment.
- {P} mentioned, almost in passing, that {p} had asked two colleagues to help with {task} and that
  it had been a relief not to carry it alone.
- When the news came, {p} went round to {friend}'s flat; {p} said {p} had not needed advice, only
  company while {p} took it in.
- {P} spoke warmly about the carers' group at the community centre: hearing others describe the
  same exhaustion had made {obj} feel less strange.
- {P} had let {o} know that {p} {was} struggling and had asked for a short call each evening that
  week, which {p} described as a small, new thing to do.
= Turned to others for support without handing them the problem.
= Shared the burden; asked for company rather than rescue.
= Reached out instead of withdrawing. New.

@ dmrs.altruism
- {P} spoke with real pleasure about the Saturday mornings {p} spent teaching children to read at
  the library; it seemed to steady {obj} through the week.
- Having been through something similar, {p} had offered to sit with a new colleague who had just
  lost a parent, and said it felt good to be of use.
- {P} told me about organising a rota of meals for a neighbour after surgery, and there was none
  of the resentment that usually crept into {pos} accounts of helping.
- {P} had volunteered to mentor a younger trainee and described their meetings with evident
  satisfaction, as if {pos} own difficulties could become something worth passing on.
- {P} described coaching the under-tens on Sunday mornings; the children's delight when they
  finally scored was, {p} said, the best part of {pos} week.
= Helping that gratifies rather than depletes.
= Service to others with real pleasure, no martyrdom in it.
= Gives to others from a full place today.

@ dmrs.anticipation
- {P} said {p} had already thought about how {p} might feel during {brk} and had arranged to see
  {friend} in the second week, when it was likely to be hardest.
- Before the meeting with {o}, {p} had written down what {p} wanted to say and imagined how {p}
  might react if {o} became defensive; it had helped {obj} stay calm.
- {P} expected {event} to be difficult and had kept the evening free, planning a long walk and an
  early night.
~ {P} wondered aloud how {p} would feel when our sessions ended, and said {p} wanted to start
  noticing it now rather than be ambushed by it in the last week.
- {P} rehearsed, quite realistically, the disappointment {p} might feel if the application was
  turned down, and what {p} would do the following day.
= Thinks ahead about the feeling, not only the logistics.
= Realistic preparation for a known strain.
= Anticipates the loss and plans around it.

@ dmrs.humor
- {P} described the disastrous family lunch with a dry wit that made us both laugh, and the
  laughter did not take {obj} away from how sad it had been.
- 'At least the dog was on my side,' {p} said about the row, smiling, and then talked seriously
  about how alone {p} had felt at the table.
- {P} joked that {p} should get a loyalty card for {pos} panic attacks; it was funny, and it also
  let {obj} tell me how often they were coming.
- There was a moment of shared amusement when {p} caught {refl} apologising to the chair {p} had
  bumped into; {p} said, laughing, that this was probably the whole problem in one gesture.
- {P} called {task} 'a small comedy of errors' and listed each mishap with gentle self-mockery;
  the humour seemed to give {obj} room to look at it.
= Humour that lets the pain in rather than keeping it out.
= Shared laughter; the feeling stayed available.
= Wit used to look at the difficulty, not to dodge it.

@ dmrs.self_assertion
- {P} told me that for the first time {p} had said no to {o}, who wanted {obj} to take on
  {task}, calmly and without a long apology.
~ {P} disagreed with me directly: 'I don't think that's it,' {p} said, and explained why, without
  the usual retreat into 'maybe you're right'.
- At the team meeting {p} had asked for the credit {p} {was} due for the project; {pos} voice shook
  a little, {p} said, but {p} said it anyway.
- {P} said {p} had told {o} that the constant calls at work had to stop, and that {p} would ring
  back in the evenings.
- {P} asked to move our session time because of a new evening course, and put it simply, as a
  need rather than a favour.
- When {o} criticised {pos} decision, {p} had replied that {p} understood the worry but that the
  decision was {pos} to make.
= States a need directly, without aggression or collapse.
= Disagreed with me openly. Good sign.
= Asserts without apologising it away.

@ dmrs.self_observation
- {P} paused and said, 'I can hear myself doing it again, making it sound like it didn't matter.'
- {P} noticed that {p} had started talking about {o} whenever we came near {pos} own anger, and
  said so before I did.
- Looking back over the week, {p} said {p} could see a pattern: {p} felt most irritable on the
  days {p} had agreed to things {p} did not want to do.
- {P} reflected that {pos} first reaction to the news had been relief, and that this surprised
  and slightly shamed {obj}.
- 'I think I wanted you to tell me off,' {p} said after a silence, 'so I wouldn't have to do it
  myself.'
- {P} said {p} had caught {refl} in the middle of an argument with {o} and thought, 'this isn't
  about the dishes', which let {obj} stop.
= Sees own part in the pattern, in the moment.
= Reflective; caught the defence {refl}.
= Observing ego well in evidence.

@ dmrs.sublimation
- {P} spoke about the pottery class: on the worst evenings {p} went to the studio and worked the
  clay until something in {obj} shifted.
- {P} had written a short story about a woman who burns down a house made of paper, and said,
  half amused, that {p} knew exactly who it was about.
- {P} said {p} had turned the rage of the week into training, running further than ever before,
  and arrived with a kind of clean tiredness.
- {P} described the choir rehearsals, where {p} could 'sing the grief' in the requiem they were
  learning; it was the only place {p} let {refl} cry.
- {P} had started painting again and showed me a photo of a canvas full of dark reds, the first
  thing {p} had made in years.
- The allotment had become the place for it: {p} said {p} dug the new beds on the days {p} most
  wanted to shout at {o}.
= Feeling channelled into making something.
= Anger turned into work with the hands.
= Creative outlet carrying the affect.

@ dmrs.suppression
- {P} said {p} had decided not to think about the test results until Friday, when {p} would know,
  and had managed to work well in the meantime.
- {P} knew {p} {was} upset about {o} but had set it aside for the exams, and brought it here
  afterwards, as {p} had planned.
~ When the memory came back at work, {p} told {refl} 'not now, on Tuesday', and brought it to the
  session as promised.
- {P} said {p} had put the row with {o} to one side so that the birthday party could go ahead,
  and let it come back later that night.
- {P} acknowledged the worry about {event} but said {p} had chosen to give it ten minutes each
  evening and no more.
= Deliberately postponed the feeling and returned to it.
= Conscious setting aside, not denial; it came back here.
= Contained the worry for a time, by choice.

@ dmrs.isolation_of_affects
- {P} told me about the funeral in a level, orderly voice, the order of service, the weather, who
  sat where, and I could not find the grief anywhere in it.
- {P} described the accident in precise detail, and when I asked how {p} had felt, {p} said, 'I
  suppose it was upsetting,' as if reporting on someone else.
- The story of {parent} leaving came out like minutes of a meeting: dates, addresses, the car
  that was taken.
- {P} said that {o} had said something cruel at dinner and that {p} had 'noted it'; nothing in
  {pos} face or voice moved.
- {P} could list every reason the relationship had ended but, asked what it had been like, said
  {p} did not really have a feeling about it.
- There was a flatness as {p} talked about the diagnosis; {p} called it 'a logistical problem' and
  moved on to the parking at the hospital.
= Facts without feeling; I carried the affect.
= The memory told with the emotion cut off.
= Flat report of something painful.

@ dmrs.intellectualization
- {P} spent much of the hour explaining attachment theory to me, quoting a book {p} had read, and
  each time I asked about {parent} {p} returned to the theory.
- {P} described {pos} anger at {o} as 'an interesting dynamic' and wondered in general terms
  whether anyone is ever really free.
- When I commented on {pos} sadness, {p} said that sadness is only a signal evolved to elicit
  care, which was true enough and kept the sadness at arm's length.
- {P} offered several theories about why {p} could not sleep, cortisol, screens, the mood of the
  times, and none of them about the message from {o}.
- {P} talked about {pos} childhood as a case study, using words like 'enmeshment' and
  'parentification' fluently and without any sign that it had happened to {obj}.
- {P} asked me what the research says about people who cry in therapy, instead of crying.
= Abstraction in place of feeling.
= Theory used to keep the experience at a distance.
= Talks about the feeling rather than from it.

@ dmrs.undoing
- Having said that {o} could be selfish, {p} immediately added that {o} was also the most generous
  person {p} knew, and listed examples until the first remark seemed to vanish.
~ {P} criticised the timing of {brk} and then spent several minutes thanking me for being so
  flexible, as if to take the criticism back.
- After saying {p} sometimes wished {o} would simply leave, {p} said quickly, 'I don't mean that,
  I'd be devastated,' and touched the wooden arm of the chair.
- {P} apologised for arriving late, then for apologising, then for taking up time with the
  apologies.
- Each complaint about work was followed at once by 'but I'm lucky to have a job', which seemed
  to cancel it out.
= Says it, then takes it back.
= Hostile thought followed at once by reparation.
= Cancels the complaint as soon as it is voiced.

@ dmrs.repression
- {P} had been about to tell me something about the weekend and then said {pos} mind had gone
  completely blank; {p} could not get it back.
~ {P} could not remember the name of the teacher {p} had talked about at length last week, though
  the name had clearly mattered to {obj} then.
~ {P} said {p} had forgotten our Tuesday session entirely, 'it just went out of my head', the week
  after we first talked about {parent} being ill.
- {P} found {refl} in tears on the bus and had no idea why; nothing had happened, {p} said,
  nothing at all.
- Asked about the year {p} turned {age_then}, {p} said {p} had almost no memories of it, only that
  the kitchen had been painted yellow.
- {P} lost the thread twice when the conversation came near {o}, and laughed at {refl} for being
  so scatty.
= The idea went missing just as it got close.
= Forgetting that looks motivated.
= Affect present, content not available.

@ dmrs.dissociation
- As {p} described the argument {pos} eyes lost focus, and {p} said the room felt far away, 'like
  watching it through glass'.
- {P} said that during the row with {o} {p} had felt as if {p} were floating above it, watching
  someone else being shouted at.
- {P} told me {p} had driven home from work with no memory of the journey, arriving 'as if
  someone had switched me off and on again'.
- {P} went quiet and stared at the rug; when I said {pos} name {p} startled and said {p} had been
  'somewhere else'.
- {P} described feeling numb and unreal at the hospital, 'like a film of my own life with the
  sound turned off'.
- Midway through the memory of {memory}, {p} said {p} could not feel {pos} hands and needed a
  moment to come back.
= Went away in the room; unreal, far off.
= Depersonalised under stress.
= A gap in experience where the fear should be.

@ dmrs.reaction_formation
- {P} insisted that {p} felt nothing but gratitude towards {o}, who had once again taken over the
  arrangements, and said it with a bright, tight smile.
- {P} had offered to look after {o}'s children every weekend in December, saying how much {p}
  loved it, although {p} had told me earlier how much it exhausted {obj}.
- When {p} heard about a colleague's promotion, {p} organised the celebration and bought the
  card, and said {p} {was} 'genuinely delighted' in a voice that did not sound it.
~ {P} {was} extremely polite to me all session, unusually so, just after I had told {obj} I would
  be away for a week in the spring.
~ {P} said {p} {was} not at all angry about {brk}; on the contrary, {p} thought it was wonderful
  that I took proper holidays.
- {P} spoke of {o} with an exaggerated tenderness, almost sugary, in the same breath as
  describing how {o} had humiliated {obj} in front of the family.
= Sweetness where anger would be expected.
= The opposite feeling, held a little too hard.
= Overly nice; the anger shows at the edges.

@ dmrs.displacement
- {P} told me {p} had snapped at the young man in the phone shop for no reason, the day after {o}
  had cancelled the visit again.
- {P} spent much of the session furious about the cleaning rota at work, while the news about {o}
  went almost unmentioned.
- {P} said {p} had kicked the recycling bin across the kitchen after the call with {o}, and then
  felt silly for being angry with a bin.
- Much of the hour was about the neighbour's dog barking at night; it struck me how much heat
  went into the dog and how little into the news about {o}.
~ {P} {was} irritated with the receptionist downstairs, 'she looked at me as if I were late', on
  the day I had given the dates of {brk}.
- After {o}'s criticism, {p} had been short with everyone at home all evening, and described it
  with a mixture of guilt and surprise.
= Anger landed on a safer target.
= The feeling is real; the object is borrowed.
= Displaced onto a stand-in.
"""
