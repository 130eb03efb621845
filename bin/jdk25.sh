# Sourced by bin/vae4j and .ci/run: finds a JDK 25 or newer and exports JAVA_HOME and PATH for it.
# Order: JAVA_HOME, then the usual install folders. Prints what to install when there is none.

vae4j_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

vae4j_find_jdk() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" \
      /usr/lib/jvm/temurin-25-jdk* /usr/lib/jvm/*25* /usr/lib/jvm/* \
      /opt/java/* /opt/jdk* /usr/local/lib/jvm/* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* \
      /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(vae4j_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 25 ]; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

if ! VAE4J_JDK=$(vae4j_find_jdk); then
  echo "vae4j needs a JDK 25 or newer and found none (looked at JAVA_HOME and /usr/lib/jvm, /opt, ~/.sdkman, ~/.jdks)." >&2
  echo "Install one, for example Temurin 25 (https://adoptium.net) or 'sdk install java 25-tem', then set JAVA_HOME to it." >&2
  exit 2
fi
export JAVA_HOME="$VAE4J_JDK"
export PATH="$JAVA_HOME/bin:$PATH"
# Maven's own libraries call sun.misc.Unsafe; JDK 24+ warns about it on every run unless allowed.
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
