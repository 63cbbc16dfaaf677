// A phone call through the local runtime, as Twilio makes it: POST /voice, then each key pressed posted
// (signed) to the action URL of the <Gather> Twilio was last given, with the same CallSid throughout.
import { XMLParser } from 'fast-xml-parser';
import type { LocalHotline } from '../../local/hotline.js';
import { CATALOGUES } from '../../shared/messages/catalogue.js';
import { type PromptId, prompts } from '../../shared/voice/prompts.js';
import { postSigned, sid, type TwilioReply } from './local-hotline.js';

/** One verb of a reply, in document order, with its attributes (`@name`) and text. */
export interface Verb {
  name: string;
  attributes: Record<string, string>;
  text: string;
  children: Verb[];
}

export interface CallTurn {
  reply: TwilioReply;
  verbs: Verb[];
  /** The `<Gather>` of the reply, if the call goes on. */
  gather?: Verb | undefined;
  /** Spoken parts in order: `play:<url>` and `say:<text>`. */
  spoken: string[];
}

export class VoiceCall {
  readonly callSid = sid('CA');
  readonly turns: CallTurn[] = [];
  /** Every request of the call so far, in order, so any of them can be posted again. */
  private readonly requests: { path: string; params: Record<string, string> }[] = [];

  constructor(
    private readonly hotline: LocalHotline,
    readonly from: string,
  ) {}

  async start(): Promise<CallTurn> {
    return this.post('/voice', { CallStatus: 'ringing' });
  }

  /** Presses keys at the current prompt; '' is silence until the timeout. */
  async press(digits: string): Promise<CallTurn> {
    return this.post(this.actionPath(), { Digits: digits });
  }

  /** Posts a request of this call again, by default the last, exactly as a Twilio retry or a duplicate would. */
  async replay(at = -1): Promise<TwilioReply> {
    const request = this.requests.at(at);
    if (!request) throw new Error('nothing to replay');
    return postSigned(this.hotline, request.path, request.params);
  }

  /** The action URL of the current `<Gather>`, as a path on the local runtime. */
  actionPath(): string {
    const action = this.turns.at(-1)?.gather?.attributes.action;
    if (!action) throw new Error('the call has no open <Gather>');
    if (!action.startsWith(this.hotline.publicBaseUrl)) throw new Error(`action off the hotline: ${action}`);
    return action.slice(this.hotline.publicBaseUrl.length);
  }

  /**
   * Proves the call holds its number, as a caller would: reads the code in the newest SMS the hotline
   * sent to this number (the local outbox) and types it at the code prompt. Throws when the call is not
   * asking for a code, when no code SMS came, or when the hotline does not take the code it sent.
   */
  async proveNumber(): Promise<CallTurn> {
    const path = this.actionPath();
    if (!path.startsWith('/voice/verify?')) throw new Error(`the call is not asking for a code: ${path}`);
    const code = this.hotline.outbox
      .list()
      .filter((message) => message.to === this.from)
      .map((message) => codeIn(message.body))
      .filter((found) => found !== undefined)
      .at(-1);
    if (!code) throw new Error(`no code SMS was sent to ${this.from}`);
    const turn = await this.press(code);
    if (turn.gather?.attributes.action?.includes('/voice/verify?')) {
      throw new Error(`the hotline did not take the code it sent to ${this.from}`);
    }
    return turn;
  }

  /** Presses each in turn and returns every turn. */
  async keys(...presses: string[]): Promise<CallTurn[]> {
    const turns: CallTurn[] = [];
    for (const digits of presses) turns.push(await this.press(digits));
    return turns;
  }

  private async post(path: string, extra: Record<string, string>): Promise<CallTurn> {
    const params = {
      CallSid: this.callSid,
      AccountSid: 'ACtest',
      From: this.from,
      To: '+381110000000',
      CallStatus: 'in-progress',
      ...extra,
    };
    this.requests.push({ path, params });
    const reply = await postSigned(this.hotline, path, params);
    if (reply.status !== 200) throw new Error(`${path} answered ${reply.status}`);
    const turn = toTurn(reply);
    this.turns.push(turn);
    return turn;
  }
}

/** The code SMS (`call_code`) in every language and script, the code captured. */
const CODE_SMS: RegExp[] = Object.values(CATALOGUES).flatMap((scripts) =>
  Object.values(scripts).map((catalogue) => {
    const [before = '', after = ''] = catalogue.call_code.split('{code}');
    return new RegExp(`^${escapeRegExp(before)}(\\d{6})${escapeRegExp(after)}$`);
  }),
);

/** The six-digit code of a code SMS; undefined for any other text. */
export function codeIn(body: string): string | undefined {
  for (const pattern of CODE_SMS) {
    const code = pattern.exec(body)?.[1];
    if (code) return code;
  }
  return undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function toTurn(reply: TwilioReply): CallTurn {
  const verbs = parseVerbs(reply.xml);
  const gather = verbs.find((verb) => verb.name === 'Gather');
  const spokenFrom = (list: Verb[]): string[] =>
    list.flatMap((verb) => {
      if (verb.name === 'Play') return [`play:${verb.text}`];
      if (verb.name === 'Say') return [`say:${verb.text}`];
      return spokenFrom(verb.children);
    });
  return { reply, verbs, gather, spoken: spokenFrom(verbs) };
}

/** The verbs under `<Response>`, in document order (the object form of the parser loses mixed order). */
export function parseVerbs(xml: string): Verb[] {
  const parsed = ORDERED.parse(xml) as OrderedNode[];
  const response = parsed.find((node) => 'Response' in node);
  return toVerbs((response?.Response as OrderedNode[] | undefined) ?? []);
}

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

const ORDERED = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: false,
});

function toVerbs(nodes: OrderedNode[]): Verb[] {
  return nodes
    .filter((node) => !('#text' in node))
    .map((node) => {
      const name = Object.keys(node).find((key) => key !== ':@') ?? '';
      const inner = (node[name] as OrderedNode[] | undefined) ?? [];
      const text = inner
        .filter((child) => '#text' in child)
        .map((child) => String(child['#text']))
        .join('');
      return { name, attributes: node[':@'] ?? {}, text, children: toVerbs(inner) };
    });
}

/**
 * What the caller hears as prompt ids: a played file by its name (`ky/main_menu.wav` → `main_menu`), a
 * Russian <Say> by the manifest prompt with that text, or `say:<text>` for composed speech (dates).
 */
export function heardIds(turn: CallTurn): string[] {
  return turn.spoken.map((part) => {
    if (part.startsWith('play:')) return /\/([\w-]+)\.wav$/.exec(part)?.[1] ?? part;
    const text = part.slice('say:'.length);
    const id = (Object.keys(prompts) as PromptId[]).find((candidate) => prompts[candidate].ru.text === text);
    return id ?? part;
  });
}
