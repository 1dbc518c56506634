# Sourced by the bench scripts: machine_info JAVA prints the Markdown list that heads every
# report (date, commit, cores, JDK), so that ratios can be read against the machine they came from.
machine_info() {
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "- nproc: $(nproc)"
  echo "- java: $("$1" -version 2>&1 | head -1)"
  echo "- load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
}
