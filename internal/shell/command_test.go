package shell

import (
	"strings"
	"testing"
)

// execsIn lists, for one -c string, whether dash, bash and busybox ash exec its
// final command, as measured in docs/SIGNALS.md (rows marked SIGNALS) or read
// from the shells' sources (bash evalstring.c, busybox/dash eval.c).
type execsIn struct{ dash, bash, ash bool }

var commandTable = []struct {
	cmd     string
	want    execsIn
	program string
	exec    bool // explicit exec on the final command
	traps   bool
}{
	// SIGNALS: app args
	{cmd: "app args", want: execsIn{false, true, true}, program: "app"},
	{cmd: "/usr/local/bin/app", want: execsIn{false, true, true}, program: "/usr/local/bin/app"},
	// SIGNALS: exec app args
	{cmd: "exec app args", want: execsIn{true, true, true}, program: "app", exec: true},
	// SIGNALS: a && app, a; app, set -e; app
	{cmd: "a && app", want: execsIn{false, true, true}, program: "app"},
	{cmd: "a; app", want: execsIn{false, true, true}, program: "app"},
	{cmd: "set -e; app", want: execsIn{false, true, true}, program: "app"},
	// bash 5.2 execs neither a && list that ends a ; list nor what follows &
	// (measured: TestAnalyzeCommandAgreesWithRealShells); busybox ash execs both.
	{cmd: "a; b && app", want: execsIn{false, false, true}, program: "app"},
	{cmd: "a & app", want: execsIn{false, false, true}, program: "app"},
	// SIGNALS: app > log 2>&1
	{cmd: "app > log 2>&1", want: execsIn{false, false, true}, program: "app"},
	// SIGNALS: app | tee log
	{cmd: "app | tee log", want: execsIn{false, false, false}},
	// SIGNALS: app; true
	{cmd: "app; true", want: execsIn{false, false, false}, program: "app"},
	// SIGNALS: trap ... TERM; app
	{cmd: "trap 'echo bye' TERM; app", want: execsIn{false, false, false}, program: "app", traps: true},
	// SIGNALS: ( app ), if ...; then app; fi
	{cmd: "( app )", want: execsIn{false, false, true}, program: "app"},
	{cmd: "if [ -f x ]; then app; fi", want: execsIn{false, false, true}, program: "app"},

	// Explicit exec wherever it replaces PID 1.
	{cmd: "a && exec app", want: execsIn{true, true, true}, program: "app", exec: true},
	{cmd: "exec app >log 2>&1", want: execsIn{true, true, true}, program: "app", exec: true},
	{cmd: "cd /srv; exec ./app", want: execsIn{true, true, true}, program: "./app", exec: true},
	{cmd: "exec -- app", want: execsIn{true, true, true}, program: "app", exec: true},
	{cmd: "{ exec app; }", want: execsIn{true, true, true}, program: "app", exec: true},
	{cmd: "if true; then exec app; else exec other; fi", want: execsIn{true, true, true}, program: "", exec: true}, // two programs: neither is the one
	{cmd: "trap 'echo bye' TERM; exec app", want: execsIn{true, true, true}, program: "app", exec: true, traps: true},
	{cmd: "exec gosu user app", want: execsIn{true, true, true}, program: "gosu", exec: true},
	{cmd: "exec \"$APP\" --flag", want: execsIn{true, true, true}, exec: true},
	// exec in a forked subshell replaces only the child; busybox ash does not fork a final ( ).
	{cmd: "( exec app )", want: execsIn{false, false, true}, program: "app", exec: true},
	// exec that only redirects starts nothing; what runs after it decides.
	{cmd: "exec >/log 2>&1; app", want: execsIn{false, true, true}, program: "app"},
	// Code after an unconditional exec never runs.
	{cmd: "exec app; echo unreachable", want: execsIn{true, true, true}, program: "app", exec: true},

	// Assignments, quoting, expansions in the program word.
	{cmd: "FOO=1 BAR=2 app", want: execsIn{false, true, true}, program: "app"},
	{cmd: `"/opt/my app/bin" --x`, want: execsIn{false, true, true}, program: "/opt/my app/bin"},
	{cmd: `'app' "a b"`, want: execsIn{false, true, true}, program: "app"},
	{cmd: "$APP --port $PORT", want: execsIn{false, true, true}},
	{cmd: "exec app --msg 'a; b | c'", want: execsIn{true, true, true}, program: "app", exec: true},

	// Lists: newlines, ||, comments.
	{cmd: "a\napp", want: execsIn{false, true, true}, program: "app"},
	{cmd: "app # run it", want: execsIn{false, true, true}, program: "app"},
	{cmd: "a || app", want: execsIn{false, true, true}, program: "app"},
	{cmd: "app || exit 1", want: execsIn{false, false, false}, program: "app"},
	{cmd: "app; exit $?", want: execsIn{false, false, false}, program: "app"},
	{cmd: "a && b && app", want: execsIn{false, true, true}, program: "app"},
	{cmd: "a && app; FOO=1", want: execsIn{false, false, false}, program: "app"},

	// Things every shell stays PID 1 for.
	{cmd: "app &", want: execsIn{false, false, false}},
	{cmd: "app & wait", want: execsIn{false, false, false}},
	{cmd: "! app", want: execsIn{false, false, false}},
	{cmd: "exec app | tee log", want: execsIn{false, false, false}},
	{cmd: "while true; do app; done", want: execsIn{false, false, false}, program: "app"},
	{cmd: "for i in 1 2; do app $i; done", want: execsIn{false, false, false}, program: "app"},
	{cmd: "trap '' INT; app", want: execsIn{false, false, false}, program: "app"},
	{cmd: "f() { app; }; f", want: execsIn{false, false, false}, program: "app"},
	{cmd: "{ app; } >log", want: execsIn{false, false, false}, program: "app"},
	{cmd: "echo hello", want: execsIn{false, false, false}},
	{cmd: "", want: execsIn{false, false, false}},
	{cmd: "FOO=1", want: execsIn{false, false, false}},
	{cmd: "# only a comment", want: execsIn{false, false, false}},

	// bash forks in compound commands; busybox ash keeps EV_EXIT in if/case branches and groups.
	{cmd: "{ a; app; }", want: execsIn{false, false, true}, program: "app"},
	{cmd: "case $MODE in dev) app --dev ;; *) app ;; esac", want: execsIn{false, false, true}, program: "app"},
	{cmd: "if [ -f x ]; then app; else exit 1; fi", want: execsIn{false, false, true}, program: "app"},
	{cmd: "if [ -f x ]; then app; fi > log", want: execsIn{false, false, false}, program: "app"},

	// Heredoc inside -c.
	{cmd: "cat <<EOF >/etc/app.conf\nport=1\nEOF\napp", want: execsIn{false, true, true}, program: "app"},
	{cmd: "exec app <<EOF\ninput\nEOF", want: execsIn{true, true, true}, program: "app", exec: true},
}

func TestAnalyzeCommand(t *testing.T) {
	for _, tt := range commandTable {
		for _, fam := range []struct {
			f    Family
			want bool
		}{{Dash, tt.want.dash}, {Bash, tt.want.bash}, {Ash, tt.want.ash}} {
			v, err := AnalyzeCommand(fam.f, tt.cmd)
			if err != nil {
				t.Errorf("AnalyzeCommand(%v, %q): %v", fam.f, tt.cmd, err)
				continue
			}
			if v.Execs != fam.want || !v.Known {
				t.Errorf("AnalyzeCommand(%v, %q) = Execs %v Known %v (%s), want Execs %v Known true",
					fam.f, tt.cmd, v.Execs, v.Known, v.Reason, fam.want)
			}
			if v.Program != tt.program && (v.Execs || tt.program != "") {
				t.Errorf("AnalyzeCommand(%v, %q).Program = %q, want %q", fam.f, tt.cmd, v.Program, tt.program)
			}
			if v.ExplicitExec != tt.exec || v.TrapsTerm != tt.traps {
				t.Errorf("AnalyzeCommand(%v, %q): Exec %v Traps %v, want %v %v", fam.f, tt.cmd, v.ExplicitExec, v.TrapsTerm, tt.exec, tt.traps)
			}
			if v.Reason == "" {
				t.Errorf("AnalyzeCommand(%v, %q): empty Reason", fam.f, tt.cmd)
			}
		}
	}
}

// olderBash lists the -c strings that bash before 5.1 treats differently from
// bash 5.1 and later: bash 4.4 added the right side of && and || to the commands
// it execs, 5.1 the end of a ; list (bash's CHANGES, 4.4-alpha item r and 5.1;
// builtins/evalstring.c). Not re-measured here: no bash 4 runs on this machine.
var olderBash = []struct {
	cmd           string
	bash44, bash4 bool   // whether bash 4.4 to 5.0, and bash before 4.4, exec the final command
	reason        string // what the Reason of a shell that stays says
}{
	{cmd: "a && app", bash44: true, bash4: false, reason: `bash before 4.4 runs "app", the right side of && or ||, as a child`},
	{cmd: "a || app", bash44: true, bash4: false, reason: "the right side of && or ||"},
	{cmd: "a && b && app", bash44: true, bash4: false, reason: "the right side of && or ||"},
	{cmd: "a; app", bash44: false, bash4: false, reason: `bash before 5.1 runs "app", the last command of a ; list, as a child`},
	{cmd: "set -e; app", bash44: false, bash4: false, reason: "the last command of a ; list"},
	{cmd: "exec >/log 2>&1; app", bash44: false, bash4: false, reason: "the last command of a ; list"},
	// Lines are parsed and run one at a time: the last line alone decides.
	{cmd: "a\napp", bash44: true, bash4: true},
	{cmd: "a;\napp", bash44: true, bash4: true},
	{cmd: "cat <<EOF >/etc/app.conf\nport=1\nEOF\napp", bash44: true, bash4: true},
}

// TestAnalyzeCommandOlderBash checks bash before 5.1: the strings above as
// listed, and every other string of the table as bash 5.1 does.
func TestAnalyzeCommandOlderBash(t *testing.T) {
	differs := map[string]bool{}
	for _, tt := range olderBash {
		differs[tt.cmd] = true
		for _, fam := range []struct {
			f    Family
			want bool
		}{{Bash44, tt.bash44}, {Bash4, tt.bash4}} {
			v, err := AnalyzeCommand(fam.f, tt.cmd)
			if err != nil {
				t.Fatalf("AnalyzeCommand(%v, %q): %v", fam.f, tt.cmd, err)
			}
			if v.Execs != fam.want || !v.Known || v.Program != "app" {
				t.Errorf("AnalyzeCommand(%v, %q) = %+v, want Execs %v Known true Program app", fam.f, tt.cmd, v, fam.want)
			}
			if !v.Execs && !strings.Contains(v.Reason, tt.reason) {
				t.Errorf("AnalyzeCommand(%v, %q).Reason = %q, want it to say %q", fam.f, tt.cmd, v.Reason, tt.reason)
			}
		}
	}
	for _, tt := range commandTable {
		if differs[tt.cmd] {
			continue
		}
		want, err := AnalyzeCommand(Bash, tt.cmd)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range []Family{Bash44, Bash4} {
			if v, err := AnalyzeCommand(f, tt.cmd); err != nil || v.Execs != want.Execs || v.Known != want.Known || v.Program != want.Program {
				t.Errorf("AnalyzeCommand(%v, %q) = %+v, %v; want as bash 5.1: %+v", f, tt.cmd, v, err, want)
			}
		}
	}
}

func TestParseFamilyBashReleases(t *testing.T) {
	for name, want := range map[string]Family{"bash": Bash, "bash4.4": Bash44, "bash4": Bash4, "BASH4": Bash4} {
		if f, err := ParseFamily(name); err != nil || f != want {
			t.Errorf("ParseFamily(%q) = %v, %v; want %v", name, f, err, want)
		}
	}
	_, err := ParseFamily("bash3")
	if err == nil || !strings.Contains(err.Error(), "bash4 (bash before 4.4)") || !strings.Contains(err.Error(), "bash (bash 5.1 or later)") {
		t.Errorf("ParseFamily(bash3) error = %v, want it to say what bash, bash4.4 and bash4 mean", err)
	}
}

func TestAnalyzeCommandUnknownFamilies(t *testing.T) {
	for _, f := range []Family{Unknown, None} {
		v, err := AnalyzeCommand(f, "exec app")
		if err != nil {
			t.Fatal(err)
		}
		if v.Known {
			t.Errorf("AnalyzeCommand(%v, exec app).Known = true, want false", f)
		}
		if !v.ExplicitExec || v.Program != "app" {
			t.Errorf("AnalyzeCommand(%v, exec app) = %+v, want Exec and Program app still reported", f, v)
		}
	}
	if v, _ := AnalyzeCommand(None, "exec app"); v.Execs {
		t.Errorf("AnalyzeCommand(None, exec app).Execs = true; there is no shell to exec")
	}
}

func TestAnalyzeCommandNotStatic(t *testing.T) {
	for _, cmd := range []string{"eval \"$CMD\"", ". /env.sh", "a && source /x"} {
		v, err := AnalyzeCommand(Bash, cmd)
		if err != nil {
			t.Fatal(err)
		}
		if v.Known || v.Execs {
			t.Errorf("AnalyzeCommand(Bash, %q) = %+v, want not Known", cmd, v)
		}
	}
}

func TestAnalyzeCommandReasons(t *testing.T) {
	for _, tt := range []struct {
		f    Family
		cmd  string
		want string
	}{
		{Dash, "app", `dash runs "app" as a child`},
		{Bash, "app >log", "redirection"},
		{Bash, "app | tee log", "pipeline"},
		{Ash, "app; true", "not the last command"},
		{Bash, "trap 'x' TERM; app", "trap"},
		{Bash, "exec app", `makes "app" replace the shell`},
		{Ash, "app &", "background"},
	} {
		v, err := AnalyzeCommand(tt.f, tt.cmd)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(v.Reason, tt.want) {
			t.Errorf("AnalyzeCommand(%v, %q).Reason = %q, want it to mention %q", tt.f, tt.cmd, v.Reason, tt.want)
		}
	}
}

func TestAnalyzeCommandParseError(t *testing.T) {
	for _, cmd := range []string{"app 'unclosed", "if true; then app", "app |", "a && && b"} {
		if _, err := AnalyzeCommand(Dash, cmd); err == nil {
			t.Errorf("AnalyzeCommand(Dash, %q): no error for a string that does not parse", cmd)
		}
	}
}

func BenchmarkAnalyzeCommand(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		for _, tt := range commandTable {
			for _, f := range []Family{Dash, Bash, Ash} {
				if _, err := AnalyzeCommand(f, tt.cmd); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
}
