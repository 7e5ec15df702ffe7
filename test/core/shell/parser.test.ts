// The shell layer: what runs, in what order, with quote removal and context — and fail-closed coverage.
import { describe, expect, it } from 'vitest';
import type { SimpleCommand } from '../../../src/core/shell/command.js';
import { unwrapAll } from '../../../src/core/shell/unwrap.js';
import { getParser } from '../fixtures.js';

const parse = async (src: string) => (await getParser()).parse(src, { vars: { HOME: '/home/dev' } });
const line = (c: SimpleCommand) => [c.program, ...c.args.map((a) => a.text)].join(' ');
const expanded = async (src: string) => {
  const p = await getParser();
  const parsed = p.parse(src, { vars: { HOME: '/home/dev' } });
  return unwrapAll(parsed.commands, p).commands;
};

describe('simple commands and quote removal', () => {
  it.each([
    ['rm -rf build', ['rm -rf build']],
    ["r''m -rf x", ['rm -rf x']],
    ['\\rm -rf x', ['rm -rf x']],
    ['/bin/rm -rf x', ['rm -rf x']],
    ["$'\\x72\\x6d' -rf x", ['rm -rf x']],
    ["$'\\162\\155' -rf x", ['rm -rf x']],
    ['"r"m -rf "a b"', ['rm -rf a b']],
    ['echo "a\\"b" \'c\\d\'', ['echo a"b c\\d']],
    ['rm \\\n  -rf x', ['rm -rf x']],
    ['ls; pwd && id || whoami', ['ls', 'pwd', 'id', 'whoami']],
    ['rm -rf "$HOME/x"', ['rm -rf /home/dev/x']],
    ['X=rm; $X -rf /', ['rm -rf /']],
  ])('%j → %j', async (src, want) => {
    const r = await parse(src);
    expect(r.problems).toEqual([]);
    expect(r.commands.map(line)).toEqual(want);
  });

  it('keeps unknown expansions non-literal', async () => {
    const [c] = (await parse('rm -rf "$TARGET/x"')).commands;
    expect(c!.args[1]).toEqual({ text: '$TARGET/x', literal: false });
  });

  it('marks a command name that only exists at run time', async () => {
    const c = (await parse('$(cat cmd.txt) -rf /')).commands.find((x) => x.args[0]?.text === '-rf');
    expect(c!.ctx.opaqueName).toBe(true);
  });

  it('resolves a command name the line itself fixes, and keeps it marked indirect', async () => {
    const c = (await parse('$(echo rm) -rf /')).commands.find((x) => x.args[0]?.text === '-rf');
    expect(c!.program).toBe('rm');
    expect(c!.ctx.opaqueName).toBeUndefined();
    expect(c!.ctx.indirectName).toBe(true);
  });

  it('marks a statically resolved variable command name as indirect', async () => {
    const [c] = (await parse('X=rm; $X -rf /')).commands;
    expect(c!.ctx.indirectName).toBe(true);
  });
});

describe('context', () => {
  it.each([
    ['a | b | c', 'b', (c: SimpleCommand) => c.ctx.pipeline?.index === 1 && c.ctx.pipeline.length === 3],
    ['(cd x; rm y)', 'rm', (c: SimpleCommand) => c.ctx.subshell],
    ['echo $(rm y)', 'rm', (c: SimpleCommand) => c.ctx.substitution],
    ['if rm y; then :; fi', 'rm', (c: SimpleCommand) => c.ctx.condition],
    ['while rm y; do :; done', 'rm', (c: SimpleCommand) => c.ctx.condition],
    ['rm y &', 'rm', (c: SimpleCommand) => c.ctx.background],
    ['f() { rm y; }', 'rm', (c: SimpleCommand) => c.ctx.functionBody === 'f'],
    ['trap "rm y" EXIT', 'rm', (c: SimpleCommand) => c.ctx.trap],
    ['cd /tmp && rm -rf *', 'rm', (c: SimpleCommand) => c.ctx.cwd === '/tmp'],
    ['(cd /tmp); rm -rf *', 'rm', (c: SimpleCommand) => c.ctx.cwd === undefined],
  ])('%s: %s has the context', async (src, program, pred) => {
    const all = await expanded(src);
    const c = all.find((x) => x.program === program);
    expect(c, JSON.stringify(all.map(line))).toBeDefined();
    expect(pred(c!)).toBe(true);
  });

  it('records redirections and heredocs', async () => {
    const [c] = (await parse('psql -h db <<SQL > out.txt\nDROP TABLE users;\nSQL')).commands;
    expect(c!.redirects.map((r) => r.op)).toEqual(['<<', '>']);
    expect(c!.stdin).toMatchObject({ kind: 'document', text: 'DROP TABLE users;\n', literal: true });
  });

  it('feeds a heredoc through a pipe to the next command', async () => {
    const cmds = (await parse('cat <<EOF | psql\nDROP TABLE x;\nEOF')).commands;
    const psql = cmds.find((c) => c.program === 'psql')!;
    expect(psql.stdin?.kind).toBe('pipe');
  });

  it('keeps a redirect that has no command (`> .env` truncates the file)', async () => {
    const cmds = (await parse('> .env')).commands;
    expect(cmds).toHaveLength(1);
    expect(cmds[0]).toMatchObject({ program: ':', redirects: [{ op: '>', target: { text: '.env' } }] });
  });

  it('records environment assignments', async () => {
    const [c] = (await parse('PGPASSWORD=x FOO=bar psql')).commands;
    expect(c!.assignments.map((a) => a.name)).toEqual(['PGPASSWORD', 'FOO']);
  });
});

describe('unwrapping', () => {
  it.each([
    ['sudo rm -rf /var/lib', 'rm -rf /var/lib', ['sudo']],
    ['sudo -u root -E env FOO=1 rm x', 'rm x', ['sudo', 'env']],
    ['nohup nice -n 10 timeout 5 rm x', 'rm x', ['nohup', 'nice', 'timeout']],
    ['command rm x', 'rm x', ['command']],
    ['builtin exec rm x', 'rm x', ['builtin', 'exec']],
    ['time stdbuf -oL rm x', 'rm x', ['time', 'stdbuf']],
    ['find . -name "*.tmp" -exec rm -f {} \\;', 'rm -f {found files}', ['find -exec']],
    ['ls | xargs -0 -n1 rm -rf', 'rm -rf {input items}', ['xargs']],
    ['bash -c "rm -rf x"', 'rm -rf x', ['bash -c']],
    ["sh -euc 'rm -rf x'", 'rm -rf x', ['sh -c']],
    ["eval 'rm -rf x'", 'rm -rf x', ['eval']],
    ["ssh db1 'rm -rf /data'", 'rm -rf /data', ['ssh db1']],
    ['ssh -p 22 -i key.pem admin@db1 sudo rm -rf /data', 'rm -rf /data', ['ssh db1', 'sudo']],
    ['kubectl exec -it api-0 -n prod -- rm -rf /data', 'rm -rf /data', ['kubectl exec api-0']],
    ['docker exec -u root web rm -rf /srv', 'rm -rf /srv', ['docker exec web']],
    ["watch -n 5 'rm x'", 'rm x', ['watch']],
    ["echo 'rm -rf x' | sh", 'rm -rf x', ['sh <<<']],
    ['bash <<EOF\nrm -rf x\nEOF', 'rm -rf x', ['bash <<<']],
    ["su -c 'rm x' root", 'rm x', ['su -c']],
    ['bash -c "bash -c \\"rm -rf x\\""', 'rm -rf x', ['bash -c', 'bash -c']],
    ['busybox rm -rf /data', 'rm -rf /data', ['busybox']],
    // global options before the exec sub-command
    ['kubectl --context prod -n db exec redis-0 -- redis-cli FLUSHALL', 'redis-cli FLUSHALL', ['kubectl exec redis-0']],
    ['kubectl -n db exec statefulset/redis -- rm -rf /data', 'rm -rf /data', ['kubectl exec statefulset/redis']],
    ['docker -H ssh://prod exec db rm -rf /srv', 'rm -rf /srv', ['docker exec db']],
    // xargs items from a literal producer; -I replaces rather than appends
    ['echo / | xargs rm -rf', 'rm -rf /', ['xargs']],
    ['ls -d /home/* | xargs -I{} rm -rf {}', 'rm -rf /home/*', ['xargs']],
    ['cat list | xargs -I % rm -rf %', 'rm -rf {input items}', ['xargs']],
    // alias bodies, unquoted ${IFS}
    ["alias ll='rm -rf /tmp/x'; ll", 'rm -rf /tmp/x', ['alias ll']],
    ['rm${IFS}-rf${IFS}/tmp/x', 'rm -rf /tmp/x', []],
  ])('%s runs %s via %j', async (src, want, via) => {
    const all = await expanded(src);
    const c = all.find((x) => line(x) === want);
    expect(c, JSON.stringify(all.map(line))).toBeDefined();
    expect(c!.ctx.via).toEqual(via);
  });

  it('marks remote and privileged execution', async () => {
    const all = await expanded("ssh prod-db 'sudo rm -rf /var/lib/postgresql'");
    const rm = all.find((c) => c.program === 'rm')!;
    expect(rm.ctx.remote).toBe('host prod-db');
    expect(rm.ctx.privileged).toBe(true);
  });

  it.each(['eval "$(ssh-agent -s)"', 'watch "$CMD"', 'trap "$HANDLER" EXIT'])('keeps the run-time string of %s as one opaque marker', async (src) => {
    const p = await getParser();
    const r = unwrapAll(p.parse(src).commands, p);
    expect(r.problems).toEqual([]);
    expect(r.commands.filter((c) => c.ctx.opaqueName)).toHaveLength(1);
  });

  it('keeps a run-time script string opaque', async () => {
    const all = await expanded('bash -c "$PAYLOAD"');
    expect(all.some((c) => c.ctx.opaqueName && c.program === 'bash -c')).toBe(true);
  });

  it('does not treat `command -v` as execution', async () => {
    const all = await expanded('command -v rm');
    expect(all.map(line)).toEqual(['command -v rm']);
  });
});

describe('fail closed', () => {
  it.each([
    ['cat <<EOF;\nhi\nEOF', /heredoc|syntax/],
    ['echo "unterminated', /missing|syntax/],
    ['rm -rf x; done', /reserved word/],
    ['done; rm -rf x', /reserved word/],
    ['if true; then rm x', /missing|syntax/],
    ['echo $(( 1 + ', /missing|syntax|account/],
  ])('%j is not trusted', async (src, why) => {
    const r = await parse(src);
    expect(r.problems.length).toBeGreaterThan(0);
    expect(r.problems.join(' ')).toMatch(why);
  });

  it('repairs the lone dash before a heredoc instead of dropping it', async () => {
    const r = await parse('kubectl apply -f - <<EOF\nkind: Namespace\nEOF');
    expect(r.problems).toEqual([]);
    expect(r.commands[0]!.args.map((a) => a.text)).toEqual(['apply', '-f', '-']);
  });

  it('recovers the inner command of nested escaped backquotes', async () => {
    const all = (await parse('echo `echo \\`rm -rf x\\``')).commands;
    expect(all.map(line)).toContain('rm -rf x');
  });

  it('refuses absurdly long input rather than walking it', async () => {
    const r = await parse('echo ' + 'a'.repeat(300 * 1024));
    expect(r.problems[0]).toMatch(/characters/);
  });

  it.each(['ls -la', 'git status && npm test', 'for f in *.ts; do echo "$f"; done', 'case $x in a) ls;; esac', "jq '.a | .b' f.json", '[ -f x ] && cat x', '# just a comment'])(
    'valid command %j has no problems', async (src) => {
      expect((await parse(src)).problems).toEqual([]);
    });
});
