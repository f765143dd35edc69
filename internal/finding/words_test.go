package finding

import "testing"

func TestWords(t *testing.T) {
	for want, parts := range map[string][]string{
		"": nil, "a": {"a"}, "a and b": {"a", "b"}, "a, b and c": {"a", "b", "c"},
	} {
		if got := Words(parts); got != want {
			t.Errorf("Words(%q) = %q, want %q", parts, got, want)
		}
	}
}
