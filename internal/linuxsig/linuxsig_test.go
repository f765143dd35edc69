package linuxsig

import "testing"

func TestName(t *testing.T) {
	for _, tc := range []struct {
		sig  int
		want string
	}{
		{1, "SIGHUP"}, {2, "SIGINT"}, {3, "SIGQUIT"}, {6, "SIGABRT"}, {9, "SIGKILL"}, {10, "SIGUSR1"},
		{12, "SIGUSR2"}, {15, "SIGTERM"}, {16, "SIGSTKFLT"}, {17, "SIGCHLD"}, {19, "SIGSTOP"},
		{20, "SIGTSTP"}, {23, "SIGURG"}, {28, "SIGWINCH"}, {29, "SIGIO"}, {30, "SIGPWR"}, {31, "SIGSYS"},
		{0, ""}, {-1, ""}, {32, ""}, {34, ""}, {64, ""}, {65, ""},
	} {
		got, ok := Name(tc.sig)
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("Name(%d) = %q, %v; want %q", tc.sig, got, ok, tc.want)
		}
	}
	for sig := 1; sig <= 31; sig++ {
		name, ok := Name(sig)
		if n, _ := Number(name); !ok || n != sig {
			t.Errorf("Number(Name(%d)) = %d (name %q)", sig, n, name)
		}
	}
}

func TestNumber(t *testing.T) {
	for _, tc := range []struct {
		name string
		want int // 0: not a signal name
	}{
		{"SIGTERM", 15}, {"TERM", 15}, {"sigterm", 15}, {"Term", 15},
		{"SIGSTOP", 19}, {"SIGUSR1", 10}, {"SIGUSR2", 12}, {"SIGSYS", 31}, {"SIGCHLD", 17},
		{"SIGCLD", 17}, {"IOT", 6}, {"SIGPOLL", 29}, {"SIGPWR", 30}, {"STKFLT", 16},
		{"SIGRTMIN", 34}, {"RTMIN+1", 35}, {"SIGRTMIN+15", 49}, {"SIGRTMAX-14", 50}, {"rtmax-1", 63}, {"SIGRTMAX", 64},
		{"SIGRTMIN+16", 0}, {"SIGRTMAX-15", 0}, {"SIGRTMIN+0", 0}, {"SIGRTMIN+01", 0}, {"SIGRTMIN-1", 0}, {"SIGRTMAX+1", 0},
		{"SIGRTMIN+", 0}, {"SIGRT", 0},
		{"", 0}, {"SIG", 0}, {"SIGSIGTERM", 0}, {"SIGFOO", 0}, {"SIGEMT", 0}, {"SIGINFO", 0}, {"15", 0}, {" SIGTERM", 0},
	} {
		got, ok := Number(tc.name)
		if got != tc.want || ok != (tc.want != 0) {
			t.Errorf("Number(%q) = %d, %v; want %d", tc.name, got, ok, tc.want)
		}
	}
}

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		s     string
		want  int
		ok    bool
		valid bool
	}{
		{"SIGTERM", 15, true, true}, {"kill", 9, true, true}, {"9", 9, true, true}, {"19", 19, true, true},
		{"+3", 3, true, true}, {"003", 3, true, true}, {"31", 31, true, true}, {"34", 34, true, true}, {"64", 64, true, true},
		{"32", 32, true, false}, {"33", 33, true, false}, {"65", 65, true, false}, {"99", 99, true, false}, {"-1", -1, true, false},
		{"0", 0, false, false}, {"SIGFOO", 0, false, false}, {"", 0, false, false}, {"1.5", 0, false, false},
		{"99999999999999999999", 0, false, false},
	} {
		got, ok := Parse(tc.s)
		if got != tc.want || ok != tc.ok || ok && Valid(got) != tc.valid {
			t.Errorf("Parse(%q) = %d, %v (valid %v); want %d, %v (valid %v)", tc.s, got, ok, Valid(got), tc.want, tc.ok, tc.valid)
		}
	}
}

// TestNotHostNumbers pins the numbers that differ between Linux and other
// hosts (macOS: SIGUSR1 30, SIGUSR2 31, SIGSTOP 17, SIGSYS 12, SIGCHLD 20).
func TestNotHostNumbers(t *testing.T) {
	for name, want := range map[string]int{"SIGUSR1": 10, "SIGUSR2": 12, "SIGSTOP": 19, "SIGSYS": 31, "SIGCHLD": 17, "SIGTSTP": 20, "SIGURG": 23, "SIGIO": 29} {
		if got, _ := Number(name); got != want {
			t.Errorf("Number(%s) = %d, want Linux's %d", name, got, want)
		}
	}
	if SIGSTOP != 19 || SIGUSR1 != 10 || SIGSYS != 31 || SIGKILL != 9 || SIGTERM != 15 {
		t.Error("a constant is not Linux's number")
	}
}
