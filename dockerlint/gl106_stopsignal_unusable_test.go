package dockerlint

import "testing"

func TestStopSignalUnusable(t *testing.T) {
	runRuleCases(t, StopSignalUnusable, []ruleCase{
		{name: "SIGKILL", dockerfile: "FROM alpine\nSTOPSIGNAL SIGKILL\nCMD [\"/app\"]\n", want: []string{"2:error"}, message: []string{"cannot be caught"}},
		{name: "KILL without prefix", dockerfile: "FROM alpine\nSTOPSIGNAL kill\n", want: []string{"2:error"}},
		{name: "9", dockerfile: "FROM alpine\nSTOPSIGNAL 9\n", want: []string{"2:error"}},
		{name: "SIGSTOP", dockerfile: "FROM alpine\nSTOPSIGNAL SIGSTOP\n", want: []string{"2:error"}, message: []string{"freezes"}},
		{name: "19 is SIGSTOP", dockerfile: "FROM alpine\nSTOPSIGNAL 19\n", want: []string{"2:error"}},
		{name: "not a signal", dockerfile: "FROM alpine\nSTOPSIGNAL SIGFOO\n", want: []string{"2:error"}, message: []string{"not a signal"}},
		{name: "number out of range", dockerfile: "FROM alpine\nSTOPSIGNAL 99\n", want: []string{"2:error"}},
		{name: "SIGTERM", dockerfile: "FROM alpine\nSTOPSIGNAL SIGTERM\n"},
		{name: "SIGINT", dockerfile: "FROM alpine\nSTOPSIGNAL SIGINT\n"},
		{name: "SIGQUIT by number", dockerfile: "FROM alpine\nSTOPSIGNAL 3\n"},
		{name: "real-time signal", dockerfile: "FROM alpine\nSTOPSIGNAL SIGRTMIN+3\n"},
		{name: "build argument", dockerfile: "FROM alpine\nARG SIG=SIGKILL\nSTOPSIGNAL $SIG\n"},
		{name: "inherited", dockerfile: "FROM alpine AS base\nSTOPSIGNAL SIGKILL\nFROM base\n", want: []string{"2:error"}},
		{name: "later one wins", dockerfile: "FROM alpine\nSTOPSIGNAL SIGKILL\nSTOPSIGNAL SIGTERM\n"},
		{name: "build stage only", dockerfile: "FROM alpine AS build\nSTOPSIGNAL SIGKILL\nFROM alpine\n"},
	})
}
