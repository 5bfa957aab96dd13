/**
 * `npm run demo` plays a whole crisis against the emulator, exits 0, prints the debriefs with the
 * figures of its script and the whole report, and leaves the files it made (debriefs, charts, the
 * report) in the folder it names: here a temporary one given with `--out`, deleted afterwards,
 * and never `demo-output/` in the repository. Run as a child process, as a newcomer would run it.
 * Its command line (`--out`, bad options) is tested without playing it, in demo-output.test.ts.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { builtFile } from '../helpers/built';
import { decodePngHeader } from '../helpers/png';
import { removeTempDir, tempDir } from '../helpers/temp-files';

const root = path.resolve(__dirname, '../..');

/** The demo, built, as its own process. */
function demo(args: string[], timeout = 150_000) {
  return spawnSync(process.execPath, [builtFile('src/demo/run-demo.ts'), ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '' },
    encoding: 'utf8',
    timeout,
  });
}

describe('npm run demo', () => {
  it('plays the whole crisis and a recall by its playbook, prints what people saw, the debriefs and the report, and leaves its files in the folder it names', () => {
    const repoOutput = path.join(root, 'demo-output');
    const hadRepoOutput = fs.existsSync(repoOutput);
    const dir = tempDir('crisis-demo-out-');
    const outDir = path.join(dir, 'files');
    let out: string;
    try {
      const run = demo(['--out', outDir]);
      expect(run.stderr).not.toMatch(/demo failed/);
      expect(run.status).toBe(0);
      out = run.stdout;

      // The folder is named at the end, and holds both debriefs, their charts and the report.
      expect(out.trimEnd().endsWith(`The debriefs (Markdown), their charts (PNG) and the report are in ${outDir}`)).toBe(true);
      const files = fs.readdirSync(outDir).sort();
      expect(files).toEqual([
        'crisis-20261126-checkout-payments-failing-debrief.md',
        'crisis-20261126-checkout-payments-failing-volume.png',
        'crisis-20261127-kettle-k2-overheating-debrief.md',
        'crisis-20261127-kettle-k2-overheating-volume.png',
        'crisis-report-20261202-30d.md',
        'crisis-report-20261202-30d.png',
      ]);
      for (const png of files.filter((f) => f.endsWith('.png'))) expect(decodePngHeader(fs.readFileSync(path.join(outDir, png))).width).toBeGreaterThanOrEqual(600);
      const recall = fs.readFileSync(path.join(outDir, 'crisis-20261127-kettle-k2-overheating-debrief.md'), 'utf8');
      expect(recall.startsWith('# After-action report: Kettle K2 overheating\n')).toBe(true);
      // The recall ran its update clock: reminders, an escalation, the due times met and missed,
      // and its three customer statements, each approved by legal.
      expect(recall).toContain('- Reminders sent: 3\n- Updates on time: 7 of 10 due times (70%)');
      expect(recall).toContain('- Missed updates: 3\n- Escalations: 1');
      expect(recall).toContain('- Promises of the next statement: 3 made: 2 kept, 0 broken, 1 ended by the resolution');
      for (const n of [1, 2, 3]) expect(recall).toMatch(new RegExp(`- S${n} — .*approved by Bob Baker \\(legal\\)`));
      expect(recall).toContain("## What didn't go well\n\n- Missed updates: 3 due times of the update clock passed with no update\n");
      expect(recall).toContain('- Chart: `crisis-20261127-kettle-k2-overheating-volume.png`, uploaded with this report');
      const report = fs.readFileSync(path.join(outDir, 'crisis-report-20261202-30d.md'), 'utf8');
      // The whole report is printed, as written to the file.
      expect(out).toContain(report.trimEnd());
      expect(report).toContain('- Updates on time: 9 of 13 due times (69%)\n- Missed updates: 4\n');
      expect(report).toContain('- Broken promises: 0');
      expect(report).toContain('- Missed deadlines: 1');
    } finally {
      removeTempDir(dir);
    }
    expect(fs.existsSync(dir)).toBe(false);
    // The run wrote where it was told, not into the repository.
    expect(fs.existsSync(repoOutput)).toBe(hadRepoOutput);
    // Declared: channel, pinned card, announcement, lead's checklist.
    expect(out).toContain('+ channel #crisis-20261126-checkout-payments-failing created');
    expect(out).toContain('📌 pinned in #crisis-20261126-checkout-payments-failing');
    expect(out).toContain('#crisis-announcements — Crisis Bot:');
    expect(out).toContain('== You are crisis lead: Checkout payments failing ==');
    // Roles, a reminder, an update with a statement, resolution and the debrief.
    for (const who of ['@bob is now spokesperson', '@carol is now info gatherer', '@dave is now legal', '@erin is now support rep']) {
      expect(out).toContain(who);
    }
    expect(out).toMatch(/an update is due \(last one 31 min ago\)/);
    // Issue 11: one voice. A holding statement from the pre-approved template, which fills in the
    // title legal has not seen (issue 16), so legal approves it; the update form's statement drafted,
    // approved by legal with its button and published in time (a kept promise); after the resolution
    // a template promising a next update refused; an apology sent back, edited from the DM, approved
    // and published.
    expect(out).toContain(
      'S1 drafted from the pre-approved template `other-holding`, but it fills in words legal has not approved in this crisis (the crisis title), so it is posted in the channel for legal\'s review',
    );
    expect(out).toContain('S1 approved as legal.');
    expect(out).toContain('This crisis is resolved, so no statement promises customers a next update, and the template `other-apology` says when the next comes');
    expect(out).toContain('S1 marked published (status page). It promises the next statement by 10:04 UTC (in 45 min)');
    expect(out).toContain('S2 marked published (status-page, app banner). That keeps the promise of S1.');
    expect(out).toContain('It is on the status page now. Recorded only: app banner.');
    expect(out).toContain(':leftwards_arrow_with_hook: @dave sent *S3* back for changes');
    expect(out).toContain('S3 marked published (email to affected customers).');
    expect(out).toContain('## Customer communications\n\n- First statement published: 2026-11-26 09:19 (5 min after declaration)\n- Median time from draft to approval: 1 min (3 reviewed by a person, 0 approved by a pre-approved template)\n- Promises of the next statement: 2 made: 1 kept, 0 broken, 1 ended by the resolution');
    expect(out).toContain('*Resolved* by @alice');
    expect(out).toContain('# After-action report: Checkout payments failing');
    for (const heading of ['## Key times', '## Response metrics', '## Roles', '## Timeline', '## What went well', "## What didn't go well", '## Root causes', '## Follow-up actions']) {
      expect(out).toContain(heading);
    }
    // The script's figures: first update 10 min in, the second came after the reminder (late).
    expect(out).toContain('| First update | 2026-11-26 09:24 | +10 min after declaration |');
    expect(out).toContain('- Reminders sent: 1');
    expect(out).toContain('- Updates on time: 1 of 2 due times (50%)');
    expect(out).toContain("## What didn't go well\n\n- Missed updates: 1 due time of the update clock passed with no update\n- The second update came only after a reminder.");
    expect(out).toContain('Single payment provider with no automatic failover.');

    // Issue 10: a playbook at work. A recall declared by type: its severity, card, typed
    // checklists, the regulator clock restarted, reminding and met, and the plan change proposed.
    expect(out).toContain('Declaring *sev1* crisis (Product recall)');
    expect(out).toContain('*Type*: Product recall');
    expect(out).toContain('*Next deadline*: Report to the product-safety regulator (US CPSC expects it within 24 hours of knowing) — due 28 Nov 08:40 UTC');
    expect(out).toContain('[ ] Check the batch/lot number on every contact before answering');
    expect(out).toContain('[ ] Report to the product-safety regulator within 24 h (US CPSC, 15(b))');
    expect(out).toContain('is now due 28 Nov 07:55 UTC (in 23 h 10 min)');
    // The recall's clock runs: the reminder when the update is due, the escalation a cadence later.
    expect(out).toMatch(/▶ 09:38 — Nobody posts[^▶]*an update is due \(last one 30 min ago\)[^▶]*\*Update overdue\.\*/);
    expect(out).toContain(':hourglass_flowing_sand: *Deadline in 12 h:* Report to the product-safety regulator');
    expect(out).toContain('- Met — Report to the product-safety regulator (US CPSC expects it within 24 hours of knowing) (`regulator`): started 2026-11-27 07:55, due 2026-11-28 07:55, done 2026-11-27 20:30 by Bob Baker, 11 h 25 min early');
    expect(out).toContain('## Proposed changes to our plan\n\n- recall.yaml: add "ask for the purchase date" to the support checklist');
    // The customer side: the FAQ, the remedy, the volume figures and the chart beside the report.
    expect(out).toContain('== FAQ for support reps ==');
    expect(out).toContain('- Peak: 420 (zendesk) at 2026-11-26 10:08');
    expect(out).toContain('- **F1. Where can I follow updates?** On our status page and in our app.');
    expect(out).toContain('- **F2. Was I charged twice?**');
    expect(out).toContain('- A 10 EUR voucher for every customer whose order failed');
    expect(out).toMatch(/also uploaded: crisis-20261126-checkout-payments-failing-volume\.png, a 1400×700 PNG chart/);

    // Issue 13: the people. Shift breaks, a handover that carries a note, a responder's App Home, the report.
    expect(out).toContain(':coffee: *Time for a break.* You have been *spokesperson* for #crisis-20261202-parcels-stuck-at-the-leipzig-hub');
    expect(out).toContain(':coffee: @carol: @bob has been spokesperson for 4 h 3 min without a break and has been offered a handover.');
    expect(out).toContain(':handshake: *Handover from @bob*\n    >The customer email is drafted but not sent');
    expect(out).toContain('You are no longer *spokesperson* for #crisis-20261202-parcels-stuck-at-the-leipzig-hub (*Parcels stuck at the Leipzig hub*), as you asked. Thank you.');
    expect(out).toContain('## Time in role\n\n- Alice Archer: 1 h 26 min as crisis lead');
    expect(out).toContain('Longest stint: Alice Archer as crisis lead, 1 h 26 min without a handover (2026-11-26 09:14 – resolution).');
    expect(out).toContain("════════════════ Erin's App Home ════════════════");
    expect(out).toContain('*Support rep* in #crisis-20261202-parcels-stuck-at-the-leipzig-hub *Parcels stuck at the Leipzig hub*\n    sev3 · Investigating · checklist 0/4 done');
    expect(out).toContain('*#2* Refund the shipping fee on every late order');
    expect(out).toContain('== Crisis report: the last 30 days ==\n    *4* crises declared (2 resolved, 2 open, 1 private); drills left out.');
    expect(out).toContain('- Median time to first update: 28 min (3 of 4 crises had one)');
    expect(out).toContain('| Shipping delay | 1 | 0 | 0 | 1 | 0 |');
    expect(out).toContain('DM to @carol — Crisis Bot:\n    :bar_chart: *Crisis report: the last 30 days* — 4 crises, drills left out.');
    // A drill marked DRILL and left out of the report; a private breach that is only "private
    // crisis" outside its channel: in the announcement, in Erin's list and on her App Home.
    expect(out).toContain('+ channel #drill-20261202-search-returns-no-results created');
    expect(out).toContain('== DRILL · :large_orange_circle: SEV2 · Search returns no results ==');
    expect(out).toContain('+ channel #crisis-20261202-private created');
    expect(out).toContain(':red_circle: *SEV1 private crisis declared* · Lead @dave');
    expect(out).toContain('*Open crises: 2*');
    expect(out).toContain(':red_circle: :lock: _private crisis_ · sev1 · lead @dave');
    const outside = out.slice(out.indexOf('@erin types: /crisis list'));
    expect(outside).not.toContain('Supplier exposed');
    expect(outside).not.toContain('Search returns no results');
    // The first crisis's impact on the card, in its debrief and in the apology (written by hand from it).
    expect(out).toContain('## Impact history\n\n- 2026-11-26 09:22 — Alice Archer (`/crisis impact`): About 40% of card payments fail at checkout');
    expect(out).toContain(">We're sorry. About 40% of card payments fail at checkout; failed orders are not charged. That is not the experience");
  });
});
