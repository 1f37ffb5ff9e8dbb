"""Passage templates for the image-distorting, disavowal and action defenses (DMRS 4 to 1).

Same bank format as `db.demo.vignettes_defenses_high`.
"""

BANK = """
@ dmrs.idealization_of_self_image
- {P} explained that {p} {was} simply better at {pos} job than anyone else in the department,
  which was why the others resented {obj}.
- {P} described {pos} handling of the crisis as flawless, 'nobody else could have done it', and
  seemed puzzled that no one had thanked {obj}.
- {P} said {p} did not really need therapy the way other people did; {p} came because {p} found
  self-knowledge interesting.
- {P} spoke of {refl} as unusually sensitive and perceptive, 'too much for most people', and
  seemed to wait for me to agree.
- {P} remarked that {p} had probably read more psychoanalysis than most therapists, and asked
  whether I found {obj} an unusual client.
= Inflated self-image propping up a fragile one.
= Grandiose note; needs me as audience.
= Special, above the ordinary need for help.

@ dmrs.idealization_of_others_image
- {P} described {pos} new manager as brilliant, kind and 'the first person who has ever really
  seen me', after two weeks in the job.
- 'You always know exactly what to say,' {p} told me, and I felt uneasy at the size of the
  compliment.
- {P} spoke about {o} as if {o} could do no wrong, even while describing how {o} had forgotten
  {pos} birthday again.
- {P} said {p} had met the perfect person online, 'wise, funny, completely on my wavelength',
  although they had not yet met in person.
- {P} talked about {pos} old piano teacher as a kind of saint, the one adult who had never let
  {obj} down.
- {P} said {p} could tell me anything, that I was 'the only one who really gets it', and looked at
  me with a radiance that made the room feel small.
= The other made perfect; no room for ordinary failings.
= Idealising me. Watch for the fall.
= Exaggerated goodness of the other.

@ dmrs.devaluation_of_self_image
- 'I'm just not the sort of person things work out for,' {p} said about the failed driving test,
  as if it were a law of nature.
- {P} called {refl} stupid four times in the first ten minutes, each time for something quite
  ordinary.
- {P} said that {o} only stayed out of pity, and that {p} had nothing much to offer anyone.
- When I remarked on how well {p} had handled the meeting, {p} said it was luck and that anyone
  could have done it.
- {P} described {refl} as 'boring, basically', and said {p} could not understand why I bothered to
  listen.
- {P} said the certificate from the course meant nothing; they gave them to everyone who turned
  up.
= Runs {refl} down before anyone else can.
= Self-devaluing; discounts real achievement.
= Harsh self-image, flatly stated.

@ dmrs.devaluation_of_others_image
- {P} described {pos} colleagues as 'a room full of idiots' and {o} as 'pathetic, honestly', with
  a contemptuous little laugh.
- {P} said therapy was mostly common sense dressed up, and that {p} could probably do my job after
  a weekend course.
- The new doctor was 'a child with a stethoscope' and the previous one 'a robot'; {p} wondered
  aloud whether anyone competent was left.
- {P} dismissed {o}'s attempt to apologise as 'a pathetic little speech' and said {p} had stopped
  listening halfway through.
~ {P} mocked the book I had once mentioned as 'self-help for people who read airport novels', and
  watched me for a reaction.
- {P} called {pos} ex 'a nothing, a blank' and said {p} could not believe {p} had wasted three
  years on someone so ordinary.
= Contempt that keeps need out of sight.
= Others made small; me included.
= Dismissive; the disappointment underneath not yet reachable.

@ dmrs.omnipotence
- {P} said {p} did not need to prepare for the hearing; {p} would simply walk in and the panel
  would see at once who was right.
- {P} told me {p} had decided to sort out {o}'s drinking by the end of the month, and listed what
  {p} would do, without any doubt that it would work.
- 'I can handle anything, that's never been the problem,' {p} said, a week after being signed off
  work.
- {P} said {p} could always tell what people were thinking before they knew it themselves, and so
  had stopped bothering to ask.
- {P} announced that {p} would finish the thesis, train for a marathon and redo the kitchen during
  {brk}, and seemed irritated when I wondered about sleep.
- {P} spoke of {pos} ability to charm anyone, 'I could talk my way out of anything', and implied
  that this included me.
= Limitless capacity claimed; limits disowned.
= Omnipotent plan in place of the fear.
= Nothing is beyond {obj}, in {pos} account.

@ dmrs.denial
~ When I mentioned that {p} had missed two of the last four sessions, {p} said flatly that {p} had
  not, and then, 'well, not really'.
- {P} said the drinking was not a problem at all, although {p} had just told me about the warning
  at work.
- {P} insisted that {o}'s move abroad 'changes nothing', and talked about the summer as if {o}
  would still be round the corner.
- {P} said {p} {was} fine, completely fine, with tears running down {pos} face.
- Asked about the letter from the bank, {p} said it was probably a mistake and that {p} had not
  opened it.
~ {P} said the consultant had 'just been cautious', though last week {p} had told me the further
  tests were urgent.
= Refuses what is plainly in view.
= The obvious disavowed.
= Says fine; everything else says otherwise.

@ dmrs.rationalization
- {P} explained that {p} had not called {o} back out of consideration, since {o} was busy, a
  reasonable account that left out how hurt {p} had been.
- {P} said {p} had left the course because the teaching was poor and the timetable impractical,
  reasons that came out a little too neatly.
- {P} had spent the rent money on a new coat and explained that it was really an investment,
  because {p} would need it for interviews.
- Leaving the party early had been 'the sensible choice' because of the trains, {p} said, though
  the trains had been running.
- {P} said {p} only checked {o}'s phone because {p} cared about the relationship, and that anyone
  would have done the same.
~ {P} gave several good reasons for not applying for the post, timing, money, the commute, and
  none of them was the fear {p} had named last month.
= Good reasons standing in for the real one.
= Plausible account; the motive left out.
= Explains it away.

@ dmrs.projection
- {P} said {p} could tell I was bored and irritated with {obj} today, although I had been feeling
  quite warm towards {obj}.
- {P} {was} sure {pos} colleagues were plotting to push {obj} out, and described their glances in
  the kitchen as proof.
- {P} complained that {o} was jealous and possessive, shortly after describing how {p} had gone
  through {o}'s emails.
- 'You're fed up with me, aren't you,' {p} said at the start, before I had said a word.
- {P} described the people on the train as staring at {obj} with contempt, and said {p} had got
  off two stops early.
- {P} felt the neighbours were judging {obj} for the state of the garden, 'the kind of people who
  despise anyone different'.
= Own hostility located in the other.
= Attributes to me what is {pos} own.
= The critic is outside now.

@ dmrs.autistic_fantasy
- {P} admitted spending most of the weekend in bed imagining another life, running a bookshop by
  the sea, where {o} came to apologise.
- Instead of replying to {o}'s message, {p} had spent hours composing imaginary conversations in
  which {p} always had the last word.
- {P} described a daydream, returned to every night, of being discovered and admired; it seemed to
  stand in for any actual attempt to audition.
- {P} said that when things were bad at work {p} went into 'the story', an imagined world kept
  since childhood, and could lose whole afternoons there.
- {P} said {p} did not really need friends, since the people in {pos} head were more interesting,
  and smiled as if it were only partly a joke.
= Retreat into daydream instead of action.
= Fantasy substituting for contact.
= Withdraws into an inner world when hurt.

@ dmrs.splitting_of_self_image
- 'Last week I was finally myself; today I'm a total fraud,' {p} said, and there seemed to be no
  person in between.
- {P} described {refl} as either 'brilliant and unstoppable' or 'rotten to the core', and moved
  between the two twice during the hour.
- {P} said that on good days {p} felt like the best version of a person and on bad days like
  something rotten, with nothing that joined the two.
- After the praise at work {p} had felt invincible; by Sunday, after one unanswered message, {p}
  felt worthless, and spoke as if the Friday self had never existed.
- {P} told me there were 'two of me', the one who coped and the one who was disgusting, and that
  {p} never knew which would wake up.
= All-good or all-bad self; no bridge.
= Self-image flips without continuity.
= Two selves, each total.

@ dmrs.splitting_of_others_image
- {O} was 'an angel' at the start of the hour and 'a snake' by the end of it, after {p} remembered
  the remark about {pos} weight.
- {P} divided the staff on the ward into those who were wonderful and those who were 'pure
  poison', with no one in between.
~ Last session I had been 'the only person who understands'; today {p} said I was like all the
  others, cold and in it for the money.
- {P} spoke of one parent as wholly good and the other as wholly bad, and became irritated when I
  wondered whether it had always been so simple.
- {P} said that {friend} was either completely on {pos} side or had betrayed {obj}; since the
  missed call, it was the second.
= Others all good or all bad; flips fast.
= Split image of the other; no one is allowed to be mixed.
= No ambivalence allowed.

@ dmrs.projective_identification
- {P} described {pos} fury at {o} while smiling, and I found myself increasingly angry on {pos}
  behalf, almost shaky, as if the anger had been handed to me to hold.
- {P} accused me of not caring, and I noticed myself becoming cold and clipped, exactly the
  therapist {p} had been describing.
- {P} said {p} {was} certain I wanted to be rid of {obj}, and as the hour went on I did feel a
  strong pull to end early, which troubled me.
- {P} needled {o} until {o} finally shouted, and took this as proof of being hated; in the room I
  felt the same needling, and an irritation I had to work to contain.
- {P} talked about feeling helpless in a way that left me feeling completely helpless and
  stupid, as if {pos} state had been put into me.
= I was induced to feel and act the part.
= Disowned state lodged in me; I nearly enacted it.
= Pressure to become the feared object.

@ dmrs.acting_out
- {P} told me {p} had walked out of work in the middle of the afternoon after the meeting with
  {pos} manager and spent the rest of the day drinking in the park.
~ After the last session, {p} said, {p} had gone home and thrown all of {o}'s things into the
  stairwell.
- {P} had sent {o} eleven messages in one night after the argument, each angrier than the last,
  and did not want to talk about why.
~ {P} said {p} had booked a flight to Lisbon the day I announced {brk}, and cancelled it the next
  morning.
- {P} arrived having cut {pos} hair short with kitchen scissors the night before, and said only
  that {p} had 'needed to do something'.
- {P} had left the choir by text after one critical remark from the conductor, and shrugged when
  I asked about it.
= Action instead of feeling or thought.
= Impulsive discharge after a slight.
= Did it rather than felt it; possibly linked to the break.

@ dmrs.help_rejecting_complaining
- {P} listed everything wrong with the week, and each time I wondered about a way forward, {p}
  said 'I've tried that' or 'that won't work for me'.
- {P} complained at length that no one helped {obj}, then explained why every offer from {o} had
  been useless or came with strings.
- 'So what am I supposed to do?' {p} asked, and when I did not answer at once, 'you see, even you
  don't know.'
- {P} said the new medication did nothing, the sleep advice was rubbish and the group was
  pointless, and seemed almost satisfied with the completeness of the list.
- {P} asked for advice about {o} and then rejected each suggestion before I had finished it,
  ending with 'nothing helps, nothing ever has'.
= Asks for help in order to defeat it.
= Complaint with a hidden reproach.
= Every offer refused; the helper made useless.

@ dmrs.passive_aggression
~ {P} arrived twenty minutes late, the week after I had commented on {pos} lateness, apologising
  sweetly about the traffic.
- {P} said {p} had 'forgotten' to send {o} the documents needed for the deadline, and smiled
  faintly as {p} said it.
~ {P} agreed warmly with everything I said and then mentioned that {p} had not done any of it last
  time either, 'but that's fine, isn't it'.
- {P} told me {p} had done exactly what {pos} manager asked, to the letter, knowing it would
  produce the wrong result.
~ {P} paid the invoice in coins, counted out slowly on the side table, the week after I had
  raised the fee.
- {P} had said yes to {o}'s plan for the weekend and then took so long getting ready that the two
  of them missed the train.
= Hostility expressed by omission.
= Compliant on the surface, defeating underneath.
= Anger at me routed through lateness and forgetting.
"""
