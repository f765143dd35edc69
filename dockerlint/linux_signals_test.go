package dockerlint

import (
	"path/filepath"
	"testing"
)

// TestStopSignalLinuxNumbers pins the Linux numbers of the signals whose
// numbers differ on other hosts (macOS: SIGUSR1 30, SIGSTOP 17, SIGSYS 12), so
// that a host's syscall constant creeping back in fails on macOS and Windows.
func TestStopSignalLinuxNumbers(t *testing.T) {
	const build = "FROM golang:1.26 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/api ./cmd/api\nFROM scratch\nCOPY --from=build /out/api /api\n"
	for _, tc := range []struct{ stopsignal, want string }{
		{"SIGUSR1", `/api by line 8, SIGUSR1(10) line 7; built line 4 from cmd/api as ""`},
		{"usr2", `/api by line 8, usr2(12) line 7; built line 4 from cmd/api as ""`},
		{"SIGSYS", `/api by line 8, SIGSYS(31) line 7; built line 4 from cmd/api as ""`},
		{"SIGCHLD", `/api by line 8, SIGCHLD(17) line 7; built line 4 from cmd/api as ""`},
		{"17", `/api by line 8, 17(17) line 7; built line 4 from cmd/api as ""`}, // SIGCHLD, not macOS's SIGSTOP
		{"RTMIN+1", `/api by line 8, RTMIN+1(35) line 7; built line 4 from cmd/api as ""`},
		{"SIGSTOP", "no link"},
		{"19", "no link"},
	} {
		t.Run(tc.stopsignal, func(t *testing.T) {
			path := writeContext(t, build+"STOPSIGNAL "+tc.stopsignal+"\nCMD [\"/api\"]\n", goRepo)
			_, mains, _ := LintImages([]string{path}, nil)
			var m *MainProcess
			if len(mains) > 0 {
				m = mains[0]
			}
			if got := describeProcess(filepath.Dir(path), m); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
	runRuleCases(t, StopSignalUnusable, []ruleCase{
		{name: "17 is SIGCHLD", dockerfile: "FROM alpine\nSTOPSIGNAL 17\n"},
		{name: "SIGSYS", dockerfile: "FROM alpine\nSTOPSIGNAL SIGSYS\n"},
		{name: "SIGPWR", dockerfile: "FROM alpine\nSTOPSIGNAL SIGPWR\n"},
		{name: "SIGSTKFLT", dockerfile: "FROM alpine\nSTOPSIGNAL STKFLT\n"},
		{name: "SIGRTMAX", dockerfile: "FROM alpine\nSTOPSIGNAL SIGRTMAX\n"},
		{name: "64", dockerfile: "FROM alpine\nSTOPSIGNAL 64\n"},
		{name: "32 is glibc's", dockerfile: "FROM alpine\nSTOPSIGNAL 32\n", want: []string{"2:error"}, message: []string{"not a signal"}},
		{name: "65", dockerfile: "FROM alpine\nSTOPSIGNAL 65\n", want: []string{"2:error"}},
		{name: "macOS's SIGINFO", dockerfile: "FROM alpine\nSTOPSIGNAL SIGINFO\n", want: []string{"2:error"}},
		{name: "19 is SIGSTOP", dockerfile: "FROM alpine\nSTOPSIGNAL 19\n", want: []string{"2:error"}, message: []string{"freezes"}},
	})
}
