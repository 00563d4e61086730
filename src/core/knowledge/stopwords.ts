import { fold } from './text.js';

/**
 * Words that say nothing about which topic is meant: English function words plus the filler of chat
 * questions ("hey", "pls", "any thoughts"). They are dropped before indexing and before searching,
 * so a question made only of them ("hi how are you") has nothing left to match.
 */
const FUNCTION_WORDS = `
a about above after again against all also am an and any are arent as at be because been before being
below between both but by can cant could couldnt did didnt do does doesnt doing dont down during each
either else ever every few for from further had hadnt has hasnt have havent having he hed hell hes her
here heres hers herself him himself his how hows i id ill im ive if in into is isnt it its itself lets
me more most much must mustnt my myself neither no nor not of off on once only or other ought our ours
ourselves out over own same shall shant she shed shell shes should shouldnt so some such than that thats
the their theirs them themselves then there theres these they theyd theyll theyre theyve this those
through to too under until up upon very was wasnt we wed well were weve werent what whats when whens
where wheres whether which while who whos whom why whys will with wont would wouldnt you youd youll
youre youve your yours yourself yourselves
s t d ll m re ve
`;

const CHAT_FILLER = `
hi hello hey heya yo hiya howdy sup morning evening greetings thanks thank thx ty cheers pls plz please
ok okay k lol lmao haha hmm hm um uh ah oh wow yeah yes yep yup nope nah sure guys folks team everyone
anyone someone somebody anybody bot rustgo question questions q quick curious wondering wonder asking
ask tell explain know knows knew think thoughts opinion opinions idea ideas say says said saying mean
means really actually basically just like kinda sorta maybe probably pretty quite still even already
thing things stuff something anything way ways lot lots bit little get gets got getting make makes
want wants need needs needed go-to tho though anyway anyways btw fyi imo imho eli5
right now today currently day days week weeks month months year years time times good great nice bad
best better worse one two main new take takes took taking long normal usual true false people
mostly hearing heard hear read seen see look looking running run runs thing known suspect besides
except instead beyond among via per etc any other others cool fine worth does sound sounds
many big small huge model explained explanation helpful useful handle handles prevent prevents default
onto kind sort type stuff whole overall general generally honestly seriously literally issue issues
problem problems enough support supports supported help helps catch gotcha caveat caveats downside
downsides drawback drawbacks give gimme show
line pls w o y n legit realistically overthinking hassle option options choice choices
overhyped overrated hype hyped half baked kill pay paying off wishful
till til gotten lately recently nowadays everything nothing tiny fair find real reason reasons
`;

const listed = `${FUNCTION_WORDS} ${CHAT_FILLER}`.split(/\s+/).filter(Boolean);

/** Stop words as typed and as folded by `words()` (`besides` → `beside`). */
export const STOP_WORDS: ReadonlySet<string> = new Set([...listed, ...listed.map(fold)]);
