#!/usr/bin/env python3
"""Reference figures for CertDesk's item analysis and score summaries.

Builds the same fixed data sets as Tests/CertDeskExamTests/ItemAnalysisTests.swift and
ScoreSummaryTests.swift and computes every expected figure independently with numpy
(np.corrcoef for the corrected point-biserial, the KR-20 and alpha formulas written out,
np.histogram for the bins). Run it with `python3 Tests/Reference/item_analysis_reference.py`
and paste its figures into the Swift tests; it also asserts its own cross-checks:

- alpha with population (n) variances equals alpha with sample (n - 1) variances;
- KR-20 equals alpha on the marks for 0/1-scored forms;
- the corrected point-biserial of a 0/1 item equals scipy.stats.pointbiserialr.

The data rows are written exactly as in the Swift tests: `Q1=a` chooses option a, `Q5=a,b`
chooses two options, `Q2=-` chooses none (omitted), and for items that are not choice items
the value is the mark earned.
"""

import numpy as np
from scipy import stats

# Thresholds, as ItemAnalysis declares them.
MINIMUM_RESPONSES = 10
MINIMUM_FOR_DISCRIMINATION = 3
EASY_ABOVE = 0.90
HARD_BELOW = 0.30
WEAK_BELOW = 0.20
ZERO_CORRELATION = 1e-12
FLAG_ORDER = ["negative-discrimination", "weak-discrimination", "too-easy", "too-hard", "unused-distractor", "few-responses"]

# id: (kind, points, option ids, keyed option ids)
QUESTIONS = {
    "Q1": ("single", 1.0, ["a", "b", "c", "d"], {"a"}),
    "Q2": ("single", 1.0, ["a", "b", "c", "d"], {"b"}),
    "Q3": ("true-false", 1.0, ["true", "false"], {"true"}),
    "Q4": ("single", 1.0, ["a", "b", "c"], {"c"}),
    "Q5": ("multiple", 2.0, ["a", "b", "c", "d", "e"], {"a", "b", "c"}),
    "Q6": ("numeric", 1.0, [], set()),
    "Q7": ("essay", 5.0, [], set()),
    "Q8": ("single", 1.0, ["a", "b", "c"], {"b"}),
    "B1": ("single", 1.0, ["a", "b", "c"], {"a"}),
    "B2": ("single", 1.0, ["a", "b", "c"], {"a"}),
    "B3": ("single", 1.0, ["a", "b", "c"], {"a"}),
    "B4": ("single", 1.0, ["a", "b", "c"], {"a"}),
    "B5": ("single", 1.0, ["a", "b", "c"], {"a"}),
    "B6": ("single", 1.0, ["a", "b", "c"], {"a"}),
    "B7": ("numeric", 2.0, [], set()),
    "C1": ("numeric", 1.0, [], set()),
    "C2": ("numeric", 1.0, [], set()),
}

# Data set A: 16 attempts on form {Q1..Q7} (a partial-credit multiple-response item and a
# 0-5 essay, so alpha), then 3 attempts on form {Q1, Q2, Q4, Q6, Q8}.
MIXED = [
    "Q1=a Q2=b Q3=true Q4=a Q5=a,b,c Q6=1 Q7=5",
    "Q1=a Q2=b Q3=true Q4=b Q5=a,b,c Q6=1 Q7=4",
    "Q1=a Q2=b Q3=true Q4=a Q5=a,b Q6=0 Q7=5",
    "Q1=a Q2=b Q3=true Q4=a Q5=a,b,c,d Q6=1 Q7=4",
    "Q1=a Q2=b Q3=true Q4=c Q5=a,c Q6=0 Q7=4",
    "Q1=b Q2=b Q3=true Q4=a Q5=a,b,c Q6=0 Q7=3",
    "Q1=a Q2=a Q3=true Q4=b Q5=b,c Q6=0 Q7=3",
    "Q1=a Q2=b Q3=true Q4=c Q5=a,d Q6=0 Q7=3",
    "Q1=c Q2=b Q3=true Q4=c Q5=a,b,e Q6=0 Q7=2",
    "Q1=a Q2=c Q3=true Q4=c Q5=a Q6=0 Q7=3",
    "Q1=b Q2=b Q3=true Q4=c Q5=- Q6=0 Q7=2",
    "Q1=d Q2=b Q3=true Q4=c Q5=d,e Q6=1 Q7=2",
    "Q1=b Q2=- Q3=true Q4=c Q5=a,d,e Q6=0 Q7=1",
    "Q1=c Q2=a Q3=true Q4=c Q5=c Q6=0 Q7=1",
    "Q1=a Q2=c Q3=true Q4=c Q5=b,d Q6=0 Q7=0",
    "Q1=d Q2=a Q3=true Q4=c Q5=a,b,c,d,e Q6=0 Q7=1",
    "Q1=a Q2=b Q4=c Q6=0 Q8=b",
    "Q1=b Q2=c Q4=a Q6=1 Q8=b",
    "Q1=a Q2=b Q4=c Q6=0 Q8=a",
]

# Data set B: 12 attempts on form {B1..B6}, every item 0/1 (so KR-20), then 4 attempts on
# form {B1, B2, B3, B7} where B7 is worth 2 points and marked 0 or 2 (still KR-20).
DICHOTOMOUS = [
    "B1=a B2=a B3=a B4=a B5=a B6=b",
    "B1=a B2=a B3=a B4=b B5=a B6=a",
    "B1=a B2=a B3=b B4=a B5=a B6=c",
    "B1=a B2=a B3=a B4=a B5=b B6=b",
    "B1=a B2=b B3=a B4=c B5=a B6=a",
    "B1=a B2=a B3=b B4=b B5=b B6=a",
    "B1=b B2=a B3=a B4=c B5=b B6=b",
    "B1=a B2=b B3=b B4=a B5=c B6=c",
    "B1=a B2=c B3=a B4=b B5=b B6=b",
    "B1=c B2=a B3=b B4=b B5=c B6=a",
    "B1=a B2=b B3=c B4=c B5=b B6=b",
    "B1=b B2=c B3=b B4=b B5=c B6=c",
    "B1=a B2=a B3=a B7=2",
    "B1=a B2=b B3=a B7=2",
    "B1=b B2=a B3=b B7=0",
    "B1=a B2=c B3=b B7=0",
]

# Data set C: two items that contradict each other, so KR-20 is negative.
CONTRADICTORY = [
    "C1=1 C2=0",
    "C1=0 C2=1",
    "C1=1 C2=1",
]

# Score summaries and histogram.
ODD_SCORES = [72.5, 40.0, 88.0, 91.25, 55.0, 66.0, 100.0]
EVEN_SCORES = [72.5, 40.0, 88.0, 91.25, 55.0, 66.0]
HISTOGRAM_PERCENTAGES = [0.0, 9.999, 10.0, 55.5, 70.0, 75.0, 79.9, 89.999, 90.0, 99.5, 100.0, 100.0]


def mark(kind, points, keyed, value):
    """The mark of one response, by the same rules as CertDesk's ItemScorer."""
    if kind in ("numeric", "essay"):
        return float(value), None
    choices = [] if value == "-" else value.split(",")
    picked = set(choices)
    if kind in ("single", "true-false"):
        return (points if picked == keyed else 0.0), choices
    right = len(picked & keyed)
    wrong = len(picked - keyed)
    return max(0.0, (right - wrong) / len(keyed)) * points, choices


def parse(rows):
    """Each attempt as a list of (question id, points, mark, choices or None), in row order."""
    attempts = []
    for row in rows:
        items = []
        for cell in row.split():
            qid, value = cell.split("=")
            kind, points, _, keyed = QUESTIONS[qid]
            earned, choices = mark(kind, points, keyed, value)
            items.append((qid, points, earned, choices))
        attempts.append(items)
    return attempts


def flat(values):
    return len(values) == 0 or float(np.ptp(values)) <= 1e-9


def item_statistics(attempts):
    rows = {}
    for items in attempts:
        total = 0.0
        for _, _, earned, _ in items:
            total += earned
        for qid, points, earned, choices in items:
            rows.setdefault(qid, []).append((points, earned, total - earned, choices))
    report = []
    for qid in sorted(rows):
        observations = rows[qid]
        points = np.array([o[0] for o in observations])
        marks = np.array([o[1] for o in observations])
        rest = np.array([o[2] for o in observations])
        responses = len(observations)
        facility = float(np.mean(marks / points))
        discrimination = None
        note = ""
        if responses >= MINIMUM_FOR_DISCRIMINATION and not flat(marks) and not flat(rest):
            discrimination = float(np.corrcoef(marks, rest)[0, 1])
            if abs(discrimination) < ZERO_CORRELATION:
                # Rounding noise around an exact 0 (B6 gives -2.4e-17) must not read as negative.
                note = f" (np.corrcoef gave {discrimination!r})"
                discrimination = 0.0
            if set(np.unique(marks / points)) <= {0.0, 1.0}:
                check = stats.pointbiserialr(marks / points, rest).statistic
                assert abs(check - discrimination) < 1e-12, (qid, check, discrimination)
        _, _, option_ids, keyed = QUESTIONS[qid]
        options = []
        for option in option_ids:
            count = sum(1 for o in observations if o[3] is not None and option in o[3])
            options.append((option, option in keyed, count, count / responses))
        omitted = sum(1 for o in observations if o[3] is not None and len(o[3]) == 0)
        flags = []
        if responses < MINIMUM_RESPONSES:
            flags.append("few-responses")
        else:
            if discrimination is not None and discrimination < 0:
                flags.append("negative-discrimination")
            elif discrimination is not None and discrimination < WEAK_BELOW:
                flags.append("weak-discrimination")
            if facility > EASY_ABOVE:
                flags.append("too-easy")
            if facility < HARD_BELOW:
                flags.append("too-hard")
            if any(not k and c == 0 for _, k, c, _ in options):
                flags.append("unused-distractor")
        flags.sort(key=FLAG_ORDER.index)
        report.append((qid, responses, facility, discrimination, options, omitted, flags, note))
    return report


def form_statistics(attempts):
    groups = {}
    for items in attempts:
        groups.setdefault(tuple(sorted(i[0] for i in items)), []).append(items)
    forms = []
    for ids, members in groups.items():
        n, k = len(members), len(ids)
        marks = np.array([[dict((i[0], i[2]) for i in items)[q] for q in ids] for items in members])
        points = np.array([[dict((i[0], i[1]) for i in items)[q] for q in ids] for items in members])
        totals = np.array([sum(i[2] for i in items) for items in members])
        mean = float(np.mean(totals))
        sd = float(np.std(totals, ddof=0))
        scaled = marks / points
        dichotomous = bool(np.all((scaled == 0) | (scaled == 1))) and bool(np.all(points == points[0]))
        reliability = None
        if n >= 2 and k >= 2 and not flat(totals):
            variance = float(np.var(totals, ddof=0))
            # Cronbach's alpha on the marks, population variances, and again with n - 1.
            alpha = k / (k - 1) * (1 - np.var(marks, axis=0, ddof=0).sum() / variance)
            alpha_sample = k / (k - 1) * (1 - np.var(marks, axis=0, ddof=1).sum() / np.var(totals, ddof=1))
            assert abs(alpha - alpha_sample) < 1e-12, (alpha, alpha_sample)
            if dichotomous:
                p = scaled.mean(axis=0)
                q = 1 - p
                weights = points[0]
                kr20 = k / (k - 1) * (1 - (weights**2 * p * q).sum() / variance)
                assert abs(kr20 - alpha) < 1e-12, (kr20, alpha)
                if np.all(weights == weights[0]):
                    # The textbook formula on 0/1 scores and the number-correct total.
                    textbook = k / (k - 1) * (1 - (p * q).sum() / np.var(scaled.sum(axis=1), ddof=0))
                    assert abs(textbook - kr20) < 1e-12, (textbook, kr20)
                reliability = float(kr20)
            else:
                reliability = float(alpha)
        sem = None if reliability is None else sd * float(np.sqrt(1 - max(0.0, reliability)))
        forms.append((list(ids), n, "KR-20" if dichotomous else "alpha", reliability, mean, sd, sem))
    forms.sort(key=lambda f: (-f[1], f[0][0], f[0]))
    return forms


def show(name, attempts):
    print(f"== {name}: {len(attempts)} attempts")
    for qid, responses, facility, discrimination, options, omitted, flags, note in item_statistics(attempts):
        print(f"{qid}: responses={responses} facility={facility!r} discrimination={discrimination!r}{note} omitted={omitted}")
        if options:
            print("    options " + " ".join(f"{o}{'*' if k else ''}={c}" for o, k, c, _ in options))
        print(f"    flags {flags}")
    for ids, n, coefficient, reliability, mean, sd, sem in form_statistics(attempts):
        print(f"form {ids}: attempts={n} {coefficient} reliability={reliability!r}")
        print(f"    mean={mean!r} sd={sd!r} sem={sem!r}")


def summary(values):
    v = np.array(values)
    sd = float(np.std(v, ddof=1)) if len(v) > 1 else 0.0
    print(f"count={len(v)} mean={float(np.mean(v))!r} sd={sd!r} min={float(v.min())!r} "
          f"median={float(np.median(v))!r} max={float(v.max())!r}")


def main():
    show("mixed", parse(MIXED))
    show("dichotomous", parse(DICHOTOMOUS))
    show("contradictory", parse(CONTRADICTORY))
    print("== score summaries")
    summary(ODD_SCORES)
    summary(EVEN_SCORES)
    counts, _ = np.histogram(HISTOGRAM_PERCENTAGES, bins=np.arange(0, 101, 10))
    print(f"histogram counts={counts.tolist()}")


if __name__ == "__main__":
    main()
