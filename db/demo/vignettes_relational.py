"""Passage templates for transference (PRQ factors) and countertransference (CTQ factors).

Countertransference is written in the clinician's own voice. Same bank format as
`db.demo.vignettes_defenses_high`.
"""

BANK = """
@ prq.angry_entitled
- {P} demanded to know why I could not see {obj} on a Saturday, since {p} {was} the one paying,
  and said other therapists were more flexible.
~ {P} {was} angry that I had not remembered the name of {pos} colleague from three weeks ago:
  'what am I paying you for?'
~ {P} said it was outrageous that I had ended exactly on time last week when {p} had been in the
  middle of something important.
- {P} opened by criticising the waiting-room chairs, the lighting and the picture on my wall, and
  said {p} expected better for the fee.
- {P} said I should have phoned during the week to ask how {p} {was}, and {was} furious that it had
  not occurred to me.
~ When I held to the cancellation policy, {p} said {p} had never been treated so unfairly and that
  I clearly did not care.
= Angry, entitled stance towards me.
= Demands on the frame; I am found wanting.
= Entitlement and grievance in the transference.

@ prq.anxious_preoccupied
- {P} asked twice whether I would still be here after {brk}, and whether I would tell {obj} if I
  was getting tired of {obj}.
~ {P} said {p} had thought about our last session all week, replaying what {p} had said and
  worrying that {p} had upset me.
- {P} wanted to know whether I saw other clients like {obj}, and whether I liked them more.
- {P} said {p} had written me a long email and then deleted it, so as not to be too much, and
  asked whether that had been right.
- {P} lingered at the door at the end with one more question about next week's time, and I felt
  how hard the parting was.
- 'Do you think about me between sessions?' {p} asked, and then blushed and said {p} knew I could
  not answer that.
= Preoccupied with my availability and regard.
= Anxious attachment to me; separations loom large.
= Fear of being too much for me.

@ prq.avoidant_counterdependent
- {P} said {p} did not see why we needed to talk about the relationship between us; {p} came to
  solve a problem, not to make a friend.
~ {P} kept {pos} coat on and said {p} would probably stop coming soon, as {p} {was} mostly fine now.
~ When I mentioned {brk}, {p} shrugged and said it made no difference; {p} hardly thought about
  the sessions in between.
- {P} declined my attempt to slow down, 'I don't really need to go into that', and returned to the
  practicalities of the move.
- {P} said {p} had always coped alone and did not intend to start depending on anyone now, least
  of all a therapist.
- {P} kept me at a polite, even distance, answering questions fully and offering nothing of {pos}
  own.
= Keeps me at arm's length; need disowned.
= Counterdependent: fine alone, thank you.
= Distance in the room; attachment minimised.

@ prq.secure_engaged
~ {P} came in wanting to pick up where we had left off, and did, thoughtfully, using what we had
  talked about.
~ {P} said that what I had said about {parent} had stayed with {obj} in a useful way, and that {p}
  also disagreed with part of it.
- There was an easy, collaborative feel to the hour; {p} could take my comments, play with them
  and push back.
~ {P} told me {p} had been annoyed with me after the last session and had decided to say so here
  rather than cancel, which felt like progress to us both.
~ {P} said it helped to know {p} could bring the worst of the week here and that I would still be
  here the following week.
= Collaborative; uses me and the work well.
= Secure engagement; can disagree and stay.
= Working alliance solid today.

@ prq.sexualized
- {P} commented on my appearance at the start of the session and then asked whether I was
  married, which {p} laughed off when I wondered about it.
- {P} spoke in a teasing, flirtatious tone for much of the hour, and I noticed how it kept us both
  away from the sadness {p} had arrived with.
~ {P} mentioned a dream with me in it that was 'a bit embarrassing' and said {p} would rather not
  say more, while watching me closely.
= Erotised note in the transference; handled by naming the function.
= Flirtation as a way of managing closeness and loss.
= Sexualised transference, mild; keep the frame clear.

@ ctq.overwhelmed_disorganized
- I felt flooded by the amount of material and lost the thread several times; I could not think
  clearly until well after {p} had left.
- By the middle of the hour I was confused about who had said what to whom, and noticed that I
  had stopped trying to follow and was just holding on.
- I found myself dreading the session beforehand and felt scattered and slightly panicky during
  it, which I want to take to supervision.
- After {p} left I sat for some minutes unable to write, as if the chaos had moved into my room.
- I felt pushed and pulled, wanting both to rescue and to escape, and did not trust my own
  thinking in the room.
= My thinking scattered; overwhelmed by the hour.
= Disorganised countertransference. Supervision.
= Flooded; a clue to {pos} inner state?

@ ctq.helpless_inadequate
- I felt useless for most of the hour; nothing I said seemed to land, and I wondered whether
  someone else would do better with {obj}.
- I noticed a familiar sinking feeling, the sense that I was failing {obj} as everyone else had.
- I left the session feeling incompetent and doubting the whole treatment, which may say
  something about what work is like for {obj}.
- When {p} asked what the point of coming was, I could not find an answer that did not sound
  defensive, and I felt de-skilled.
- I caught myself rehearsing clever interpretations to prove I was useful, which I think was my
  way of managing the helplessness.
= I felt inadequate and de-skilled.
= Helplessness in me, probably partly {pos}.
= Doubting the work; note it, don't act on it.

@ ctq.positive
- I felt warmly towards {obj} today; there was real pleasure in thinking together.
- I noticed how much I liked {pos} dry humour and {pos} determination, and felt a quiet optimism
  about the work.
- I felt respected and free to think; it was a good hour for both of us.
- There was a moment of real closeness when {p} laughed at {pos} own story, and I felt glad to be
  {pos} therapist.
- I felt engaged and curious throughout, and at the end I was aware of looking forward to next
  week.
= Warm, engaged; good working feeling.
= Liking {obj}; optimism about the work.
= Positive countertransference, grounded.

@ ctq.special_overinvolved
~ I noticed I had let the session run four minutes over, which I never do, and that I had thought
  about {obj} on the way home last week.
- I found myself wanting to tell {obj} things about myself, to show that I understood, and held
  back.
- I felt that {p} {was} different from my other clients and that I might be the one person who
  could really help; I want to watch this.
- I was tempted to offer an extra session before {brk}, more for my own reassurance than for {pos}
  need, I think.
- I caught myself feeling protective and a little proud of {obj}, as if {pos} progress were partly
  my achievement.
= Boundary pull; I feel special to {obj}.
= Overinvolved; watch the frame.
= Special-client feeling in me. Supervision.

@ ctq.disengaged
- I noticed my attention drifting to my own plans for the evening several times and had to work
  to come back.
- I felt bored and distant, and caught myself looking at the clock more than once.
- I was aware of feeling oddly absent, sleepy even, while {p} talked about {o}, as if there were
  nothing for me to hold on to.
- I found it hard to care about the details of the dispute and felt faintly guilty about my own
  indifference.
- My mind kept wandering to a piece of paperwork; I think the flatness in the room had got into
  me.
= Bored, distant; the affect missing in both of us.
= My disengagement mirrors {pos} distance.
= Sleepy and absent. What is being kept out?

@ ctq.parental_protective
- I felt a strong wish to protect {obj}, almost to tell {obj} not to go back to the flat, and had
  to hold it rather than act on it.
- I found myself worrying about whether {p} {was} eating and sleeping, the way one might about a
  child.
- When {p} described {o}'s remark I felt a flash of anger on {pos} behalf, and a wish to shield
  {obj} from the world.
- I noticed a tenderness in myself as {p} talked, and a wish to make things better that went
  beyond the work.
- I wanted to reassure {obj} that it was not {pos} fault, and noticed how quickly I had taken up
  the role of the kind parent {p} never had.
= Protective, parental pull in me.
= Wish to rescue; hold it, understand it.
= I want to shield {obj}; note the pull.

@ ctq.criticized_mistreated
- I felt criticised and unappreciated throughout; whatever I said was wrong or not enough.
- I noticed I was bracing myself for the next attack and felt resentful, which I kept out of my
  voice with some effort.
- After {p} left I felt used and dismissed, and a little angry; I wondered whether this is how {o}
  often feels.
- I felt devalued when {p} compared me unfavourably with {pos} previous therapist, and noticed a
  wish to defend myself.
- I left feeling mistreated, as if I had been the target of something that belonged elsewhere.
= I felt attacked and unappreciated.
= Mistreated in the room; resentment in me.
= On the receiving end; likely what others feel with {obj}.
"""
