package rule

import "testing"

func TestSeverityRoundTrip(t *testing.T) {
	for _, s := range []Severity{Info, Warning, Error} {
		got, err := ParseSeverity(s.String())
		if err != nil || got != s {
			t.Errorf("ParseSeverity(%q) = %v, %v", s, got, err)
		}
	}
	if _, err := ParseSeverity("fatal"); err == nil {
		t.Error("ParseSeverity(fatal): want error")
	}
	if !(Error > Warning && Warning > Info) {
		t.Error("severities must be ordered for -fail-on")
	}
}

func TestSet(t *testing.T) {
	b := &Rule{ID: "GL102", Name: "b"}
	a := &Rule{ID: "GL101", Name: "a"}
	s := NewSet(b, a)
	if s[0] != a || s[1] != b {
		t.Errorf("NewSet does not sort by ID: %v", s)
	}
	if s.Lookup("gl102") != b || s.Lookup("a") != a || s.Lookup("A") != a || s.Lookup("GL103") != nil {
		t.Error("Lookup by id (any case) or name failed")
	}
	defer func() {
		if recover() == nil {
			t.Error("duplicate id must panic")
		}
	}()
	NewSet(a, &Rule{ID: "GL101", Name: "c"})
}
