"""Codes emitted while reading files (:mod:`raio_cli.yamlio`), validating them against the schemas
(:mod:`raio_cli.schema`) and applying inline suppressions (:mod:`raio_cli.check`).

They are documented here so that ``raio rule CODE`` and the SARIF rule metadata know them.
"""

from raio_cli.rules import define

define("YML001", "yaml-syntax", "error", """The file is not valid YAML.

What: A syntax error (bad indentation, an unclosed bracket or quote, a ':' in unquoted text, a
second document after '---') stops the file from being read; the finding gives the position
where the parser stopped.
Why: A file that cannot be read is not checked at all, and CI would silently check less.
Fix: Look at the line and column given (the mistake is often just above it); quote text that
contains ': ' or ' #'. A field uncommented without the key it belongs under (`  sample_size:`
under a `# plan:` still commented out): remove the '# ' in front of that key too.
""")

define("YML002", "duplicate-key", "error", """A key appears twice in the same mapping.

What: The same key twice at one level, e.g. two 'target:' lines in one effect.
Why: YAML tools silently keep only the last value, so a reviewer reading the first one is
misled; for a pre-registered target this hides what was actually registered.
Fix: Remove one of the two keys, or merge their contents.
Example: `target: 0.90` and, three lines lower, `target: 0.85` in the same effect.
""")

define("YML003", "anchor-or-alias", "error", """An anchor (&name) or alias (*name) is used.

What: YAML anchors and aliases, which copy one part of a file into another. A text without
quotes that starts with '&word' (note: &more text) is read so too: '&more' is taken for an
anchor's name and the word is dropped (note reads "text"); the finding names the word.
Why: Dossiers are read by people and by auditors line by line; a value that silently comes from
elsewhere defeats that, and aliases can expand a small file into gigabytes ("alias bomb"). raio
never expands them.
Fix: Write the value out in full where it is needed; quote a text that starts with '&' or '*'
(note: "&more text").
""")

define("YML004", "merge-key", "error", """A merge key '<<' is used.

What: The YAML 1.1 merge key, which pulls the keys of another mapping into this one.
Why: It is not part of YAML 1.2, tools disagree about it, and the merged keys are invisible where
they take effect.
Fix: Write the keys out in full.
""")

define("YML005", "yaml11-boolean", "warning", """A word such as yes, no, on or off is read as a boolean.

What: A plain (unquoted) yes, no, on or off, written in lower case, Capitalised or in CAPITALS (the
spellings YAML 1.1 knows), that YAML 1.1 tools read as true/false and YAML 1.2 tools as text.
In a field that must be text the same slip is reported once, as the error YML007; in one
that takes one of a list of values (task, stage), as the error SCH004.
Why: The same file means different things in different tools ("the Norway problem": the country
code NO becomes false).
Fix: Write true or false for a yes/no value; quote the word if you mean the text: "no".
""")

define("YML006", "yaml11-number", "warning", """A number-like value is read differently by YAML 1.1 and YAML 1.2 tools.

What: A plain (unquoted) value that YAML 1.1, which raio and PyYAML follow, and the YAML 1.2 core
schema read differently: a leading zero (010 is the octal 8 in YAML 1.1 and 10 in YAML 1.2;
09 is text in YAML 1.1 and 9 in YAML 1.2), colons (1:20 is the base-60 number 80 in YAML 1.1),
0b101 (the binary 5 in YAML 1.1, text in YAML 1.2), 0o17 (text in YAML 1.1, the octal 15 in YAML
1.2), underscores (1_000 is 1000 in YAML 1.1, text in YAML 1.2), an exponent without a point or
a sign (1e3, 1.5E3: text in YAML 1.1, numbers in YAML 1.2), a signed fraction without a leading
digit (-.5); 0b_ or 0x_ with no digits, which YAML 1.1 tools take for a whole number and then
cannot read (PyYAML stops with an error; raio keeps the text, and reports it in a field of text
too). The finding says what each reads. In a field that must be text, a value YAML 1.1 reads as
a number is reported once, as the error YML007; in a field that takes a date, a number-like
value is reported once, as the error SCH005 (not a date in the form YYYY-MM-DD).
Why: Codes, times and counts written this way silently change value from one tool to the next.
Fix: Quote codes ("010") and write times as text ("01:20"); write numbers in plain decimal
digits (1000, 0.5, 1500.0), which every YAML tool reads alike.
""")

define("YML007", "coerced-scalar", "error", """A value that must be text is read as a number or a boolean.

What: A field that the schema wants as text (a version, a code, an id) holds an unquoted value
that YAML reads as something else: 1.10 becomes the number 1.1, 010 a whole number, yes becomes
true. An unquoted date there is YML018 (raio keeps the text); an empty value is SCH003.
Why: The dossier then records something other than what was written: version 1.10 and 1.1 are
different software.
Fix: Quote the value: version: "1.10".
""")

define("YML008", "tab-indentation", "error", """A tab character is used for indentation.

What: A tab at the start of a line, or where YAML expects spaces; or a non-breaking space
(U+00A0, pasted from a word processor or e-mail) in the indentation or after a ':' or '-'.
Why: YAML forbids tabs for indentation; editors show them at different widths, so the structure
you see is not the structure the file has. A non-breaking space looks like a space, but YAML
reads it as part of a key or a value.
Fix: Replace the tabs with spaces (set your editor to insert spaces in YAML files); retype the
spaces of a line pasted from elsewhere.
""")

define("YML009", "encoding", "error", """The file is not UTF-8 text.

What: Invalid UTF-8 (often a file saved as Latin-1 or Windows-1252), UTF-16/32 text, or binary data.
Why: raio, git diffs and every YAML tool expect UTF-8; other encodings garble accented names.
Fix: Save the file as UTF-8 without BOM; keep binary documents in evidence/.
""")

define("YML010", "byte-order-mark", "warning", """The file starts with a byte-order mark.

What: An invisible UTF-8 BOM (EF BB BF) at the start of the file, added by some Windows editors.
Why: Some tools read it as part of the first key, so 'id' is no longer found.
Fix: Save the file as UTF-8 without BOM.
""")

define("YML011", "too-large", "error", """A file or a text value is far larger than a dossier needs.

What: A dossier file above the size limit of 1 MiB, or a single text value above
100,000 characters.
Why: Dossier files are a few kilobytes; huge content is a mistake (a pasted export, data that
belongs elsewhere) or an attempt to exhaust CI. raio reads no further than the limit.
Fix: Move documents into evidence/ and refer to them by path.
""")

define("YML012", "conflict-marker", "error", """A git merge conflict marker is left in the file.

What: Lines starting with <<<<<<<, ======= or >>>>>>> left after a merge.
Why: The file holds both sides of a conflict; which one is meant is unknown.
Fix: Resolve the conflict, delete the marker lines and commit.
""")

define("YML013", "empty-file", "error", """The file is empty.

What: A dossier file with no content, or only comments.
Why: An empty file passes for "present" while saying nothing.
Fix: Fill it in: remove the '# ' in front of each field you fill in (the finding points at the
first commented-out field), or delete the file if this stage does not need it yet.
""")

define("YML014", "not-a-mapping", "error", """The document is not a mapping.

What: The file holds a list or a single value at the top level.
Why: Every dossier file is a mapping of named fields; anything else cannot be checked.
Fix: Write 'key: value' lines at the left margin, as in the file that raio new-pilot creates.
""")

define("YML015", "yaml-tag", "error", """A YAML tag (!something) is used.

What: An explicit tag such as !!python/object/apply, !!binary or a custom !tag.
Why: Tags ask a loader to construct objects; some loaders execute code for them. Dossiers need
only text, numbers, dates, lists and mappings. raio never constructs tagged values.
Fix: Remove the tag.
""")

define("YML016", "too-deep", "error", """The YAML is nested too deeply.

What: Lists or mappings nested more levels deep than any dossier needs.
Why: Deep nesting is a mistake or an attempt to exhaust the parser.
Fix: Restructure the file; the templates from raio new-pilot show the expected depth.
""")

define("YML017", "not-a-regular-file", "error", """A dossier path is not a regular file inside the portfolio.

What: A folder where a file should be, an unreadable file, a named pipe, socket or device, a
symbolic link that points outside the portfolio, or one that leads nowhere (its target does not
exist, or links lead round in a loop); the same for an application's folder, and for
applications/ itself: a file by that name, a link out of the portfolio or to nowhere, a folder
raio may not read or enter (then no application is read, and this one finding says so).
Why: raio reads only files that belong to the portfolio; a link outside could pull in (and print)
data from anywhere on the machine, reading a named pipe would wait for ever for a writer, and a
link that leads nowhere leaves the file (or the application) out of the check unnoticed.
Fix: Replace the path with a regular YAML file inside the portfolio; remove a link that leads
nowhere.
""")

define("YML018", "date-as-text-field", "warning", """An unquoted date stands where text belongs.

What: A value such as 2024-05-01 in a field that is not a date (a version, a reference).
Why: YAML 1.1 tools read it as a date object, not as the text you wrote; raio keeps the text, but
other tools reading the dossier will not.
Fix: Quote it: version: "2024-05-01".
""")

define("YML019", "comment-cuts-text", "warning", """A ' #' in a text without quotes starts a comment and cuts the text short.

What: A text field written without quotes with ' #' in it: `name: Fracture detection #2 site`.
YAML reads a '#' after a space as the start of a comment, so the field holds "Fracture
detection" and the rest is silently gone; so too on the last line of a text that goes on over
more indented lines. Reported at the '#' when one space stands before it in a field of free
text; a comment after two spaces or more, after a number, a date, a yes/no, a value from a list
or an id, and a '# raio: ignore[...]' comment are taken as meant.
Why: The dossier then records less than was written, and nobody sees it: a memo shows the text
cut short.
Fix: Quote the whole text if the '#' belongs to it: `name: "Fracture detection #2 site"`. If
it is a comment, put two spaces before the '#': `name: Fracture detection  # as on the label`.
""")

define("YML020", "hidden-character", "error", """A text holds a character that shows nothing or acts on a screen.

What: A text value or a key holding a control character (ESC, BEL, DEL, a C1 control), a
bidirectional override or isolate (U+202E, U+2066), a zero-width or other format character
(U+200B, U+FEFF inside a text): pasted with the text from a web page, a chat or a terminal, or
written as an escape in double quotes ("Detectie\\u200b", "\\x1b[31m"). The finding names each
character by its code and the text it follows (a patient identifier there masked). Tabs and
line breaks (a line feed, a carriage return, U+2028 and U+2029) are text, except inside a link
(`http://` or `https://`: no address holds one); a non-breaking space is a space; comments are
not read. Of a file with more than a hundred such keys and values, the
first hundred are named one by one and one finding counts the rest.
Why: The character is invisible or changes what the screen shows: a right-to-left override
shows the text reversed ("Trojan Source"), a zero-width space makes two equal-looking names
differ, ESC recolours a terminal. Memos show it as an escape, and raio export refuses the record
for the Algorithm Register (exit 1): better found here than at publication.
Fix: Retype the text, or delete and retype the characters around the place named. In double
quotes, remove the escape (\\x.., \\u...., \\e) that writes it.
Example: `name: "Detectie\\u200b"` -> `name: Detectie`.
""")

define("SCH001", "missing-field", "error", """A required field is missing.

What: A field that the schema of this file requires, e.g. 'id' in application.yaml or 'kind' in an effect.
Why: Without it the dossier cannot be checked or rendered.
Fix: Add the field; raio schema prints the schema, and the files from raio new-pilot show each field.
""")

define("SCH002", "unknown-field", "error", """A field is not known in this file.

What: A key the schema does not define, usually a typo ('taget' for 'target') or a field in the
wrong file.
Why: A misspelt field is silently ignored by everything that reads the dossier.
Fix: Correct the spelling (the hint names the closest known field) or move it to the right file.
A nested field written with a dot (`reported_to.vendor: 2026-10-05`, `plan.start:`) is one name
to YAML: nest it, `reported_to: {vendor: 2026-10-05}`, or under the `reported_to:` already there.
""")

define("SCH003", "wrong-type", "error", """A value has the wrong type.

What: Text where a number belongs, a single value where a list belongs, and so on; a whole
number written with points between the thousands, as Dutch writes it (`sample_size: 4.000`,
which YAML reads as 4.0, or `n: 4.310`, read as 4.31).
Why: Verdicts and memos compute with these values.
Fix: Write the value in the form the hint gives.
""")

define("SCH004", "not-allowed-value", "error", """A value is not one of the allowed choices.

What: A stage, kind, direction, status or other choice field with a value outside its list.
Why: raio's checks and memos depend on the fixed vocabulary (e.g. 'planned', not 'gepland').
Fix: Use one of the values the message lists.
""")

define("SCH005", "bad-format", "error", """A value does not have the required form.

What: A date that is not YYYY-MM-DD, an id that is not a lowercase slug, a number out of range, a
list that is too short or has duplicates.
Why: Dates and ids are compared and sorted; a wrong form breaks that silently.
Fix: Write the value in the form the message gives.
""")

define("SCH006", "schema-other", "error", """The value does not match the schema.

What: Any other schema violation, e.g. a value that fits none of the allowed alternatives.
Why: The dossier must follow the schema to be checked and rendered.
Fix: Compare the value with the schema (raio schema NAME) and the message.
""")

define("SUP001", "suppression-without-reason", "error", """An inline suppression has no reason.

What: A '# raio: ignore[CODE]' comment with no text after the closing bracket, or with no code. Such a
comment suppresses nothing: the finding it names stays.
Why: A suppression is a decision to accept a finding; an auditor needs to know why.
Fix: Write the reason after the bracket: # raio: ignore[DAT003] decision postponed by the board on 2026-03-01.
""")

define("SUP002", "suppression-applied", "info", """A finding was suppressed by an inline comment.

What: Reports each finding that an inline '# raio: ignore[CODE] reason' comment suppressed, with the reason,
at the finding's line. The comment accepts the findings of its own line, or, standing alone on its line,
those of the next line that is not blank or a comment; CODE may be a prefix (DAT accepts every DAT
finding) or several codes separated by commas. SUP findings cannot be suppressed, nor can PRV007 (a patient
identifier in the git history, which a comment on its pattern's line would accept for every commit to come):
PRV007 is accepted per commit in raio.yaml policy.accepted_history (its full hash and the reason), and
announced by a SUP002 too.
Why: Suppressions stay visible in machine-readable output, so accepted findings remain auditable.
Fix: Nothing to fix; remove the comment when the finding no longer applies.
""")

define("SUP003", "suppression-unused", "warning", """An inline suppression suppresses nothing.

What: A '# raio: ignore[CODE] reason' comment whose code is not found on the line it applies to (its own
line, or for a comment alone on its line the next line that is not blank or a comment).
Why: Stale suppressions hide future findings that nobody has looked at.
Fix: Remove the comment, or move it to the line of the finding.
""")
