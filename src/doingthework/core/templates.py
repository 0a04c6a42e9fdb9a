"""The commented files written on first run. dtw never rewrites them after that."""

CONFIG_TEMPLATE = """\
# doingthework preferences. Every line is optional: delete one to get the default back.
# `dtw config check` tells you if anything here is off; docs/configuration.md explains each key.

# Colours: any Textual theme, e.g. "textual-dark", "textual-light", "nord", "gruvbox",
# "catppuccin-mocha", "catppuccin-latte", "solarized-light". NO_COLOR is always respected.
theme = "textual-dark"

# Ring the terminal bell at phase changes and intervals during practice.
bells = true

# Text only, no moving breathing guide.
reduced_motion = false

# `dtw export` format when --format is not given: "md", "json", "html" or "csv".
export_format = "md"

# First day of the week in calendars and weekly counts: "monday" or "sunday".
week_start = "monday"
"""

PLAN_TEMPLATE = """\
# Your plan — ideally written together with your therapist. Everything is optional:
# uncomment and change what fits you, leave the rest. `dtw config check` checks it.
# docs/configuration.md explains every part.

# What you are working on.
focus_areas = [
  # "Noticing anxiety early",
  # "Speaking up at work",
]

# Tags offered when you log a trigger (you can always type a new one).
trigger_tags = [
  # "work", "family", "money", "health",
]

# Standing boundaries, offered when you log a boundary moment.
boundaries = [
  # "I don't answer work messages after 7pm",
]

# Skills you are practising, offered in the trigger log.
skills = [
  # "paced breathing", "opposite action", "check the facts", "grounding",
]

# Homework between sessions; it shows in the session-prep export.
homework = [
  # "Notice one automatic thought a day",
]

[checkin]
# Hide default check-in fields you don't use: mood, energy, sleep, feelings, body, intention, note.
hide = []
# Name check-in kinds if you check in more than once a day.
kinds = [
  # "morning", "evening",
]

# Extra scales. A value at or over `risk_at_or_above` (or at or under `risk_at_or_below`)
# gently offers the help-now screen after saving; it never blocks anything.
# [[checkin.scales]]
# name = "focus"
# label = "How focused do I feel?"
# min = 0
# max = 5
# low = "scattered"
# high = "clear"

# Extra questions, answered in a line of text.
# [[checkin.questions]]
# name = "gratitude"
# prompt = "One thing I'm grateful for"

# Practice presets of your own, beside the built-in ones (box, 4-7-8, coherent, sigh,
# grounding, body-scan, sit).
# [[practice]]
# id = "slow"
# name = "Slow breathing"
# phases = [ { name = "in", seconds = 5 }, { name = "out", seconds = 7 } ]
# minutes = 3

# Questionnaires. PHQ-9 and GAD-7 are always there (`dtw measure phq9`); switch one on to
# have Home say, gently, when it is due (every 14 days unless `every_days` says otherwise).
# Your therapist's own form can go here too (docs/configuration.md, "Measures").
# [[measures]]
# id = "phq9"
# every_days = 14

# `dtw nudge` puts one kind line at your shell prompt (docs/usage.md, "A nudge at the
# prompt"): only between these hours, and never once `off = true`.
# [nudge]
# from = "08:00"
# until = "21:00"
# off = false

# Your safety plan. It shows on the help-now screen (one key from anywhere) and with
# `dtw help-now`. If you leave it empty, general crisis lines are shown.
[safety]
# Warning signs that a hard time may be coming
warning_signs = []
# Things I can do on my own to take my mind off it
coping = []
# People and places that help me feel better
distractions = []
# People I can ask for help (name and number)
people = []
# Professionals and services I can contact (therapist, GP, local crisis team)
professionals = []
# Crisis lines for where I live (shown instead of the general list)
crisis_lines = []
# Making my space safe
safe_space = []
# My reasons for living
reasons = []
"""
