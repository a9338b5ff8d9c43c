# lib_dovecot.sh: a throwaway Dovecot for the integration tests, the demo and the benchmark.
#
# Sourced, not run. dovecot_start DIR [EXTRA_CONF] starts a self-contained `dovecot -c
# DIR/dovecot.conf` on 127.0.0.1 (and 127.0.0.2, for the wrong-host-name test) with free ports,
# a passwd-file user "sam" (password "secret"), Maildir under DIR/mail, and a throwaway CA made
# with openssl. Nothing from /etc/dovecot is read. After it returns:
#	DC_DIR DC_IMAP_PORT DC_IMAPS_PORT DC_CA (the CA that signed the server) DC_OTHER_CA
#	DC_USER DC_PASS
# Facts this relies on (Dovecot 2.3.19 on Debian 12): mail cannot be accessed as root, so as
# root the mail belongs to an unprivileged system user; the failed-login penalty is turned off
# by closing the anvil-auth-penalty listener; SIGTERM to the master leaves client sessions
# running, so dovecot_stop ends the master's children too.

DC_USER=sam
DC_PASS=secret
DC_MAILUSER=rwmail

dc_log() { echo "dovecot: $*" >&2; }

# A free TCP port on 127.0.0.1 (the kernel picks it; a race with another process is unlikely
# and shows up as a failed start).
dc_free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

dc_make_certs() {
	local d=$1
	(
		cd "$d" || exit 1
		openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=replywatch test CA" \
			-keyout ca.key -out ca.pem 2>/dev/null
		openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=another CA" \
			-keyout other-ca.key -out other-ca.pem 2>/dev/null
		openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" \
			-keyout server.key -out server.csr 2>/dev/null
		printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n' >ext.cnf
		openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 \
			-extfile ext.cnf -out server.pem 2>/dev/null
	) || {
		dc_log "cannot make certificates in $d"
		return 1
	}
	chmod 644 "$d"/server.key
}

# dovecot_start DIR [EXTRA_CONF_FILE]: EXTRA_CONF_FILE is appended to the config (for
# imap_capability overrides and mailbox blocks).
dovecot_start() {
	local dir=$1 extra=${2:-}
	DC_DIR=$dir
	mkdir -p "$dir"/run "$dir"/state "$dir"/mail
	chmod 755 "$dir"
	local uid gid login_user internal_user chroot_line=""
	if [ "$(id -u)" = 0 ]; then
		if ! getent passwd "$DC_MAILUSER" >/dev/null; then
			useradd --system --no-create-home --shell /usr/sbin/nologin "$DC_MAILUSER" || return 1
		fi
		uid=$(id -u "$DC_MAILUSER")
		gid=$(id -g "$DC_MAILUSER")
		chown "$uid:$gid" "$dir"/mail
		login_user=dovenull
		internal_user=dovecot
	else
		uid=$(id -u)
		gid=$(id -g)
		login_user=$(id -un)
		internal_user=$(id -un)
		chroot_line="chroot ="
	fi
	[ -f "$dir"/ca.pem ] || dc_make_certs "$dir" || return 1
	DC_CA=$dir/ca.pem
	DC_OTHER_CA=$dir/other-ca.pem
	if [ -z "${DC_IMAP_PORT:-}" ] || [ "${DC_KEEP_PORTS:-}" != 1 ]; then
		DC_IMAP_PORT=$(dc_free_port)
		DC_IMAPS_PORT=$(dc_free_port)
	fi
	echo "$DC_USER:{PLAIN}$DC_PASS:$uid:$gid::$dir/mail/$DC_USER" >"$dir"/passwd
	chmod 644 "$dir"/passwd
	cat >"$dir"/dovecot.conf <<EOF
base_dir = $dir/run
state_dir = $dir/state
log_path = $dir/dovecot.log
protocols = imap
listen = 127.0.0.1, 127.0.0.2
ssl = yes
ssl_cert = <$dir/server.pem
ssl_key = <$dir/server.key
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
default_login_user = $login_user
default_internal_user = $internal_user
first_valid_uid = 1
first_valid_gid = 1
mail_uid = $uid
mail_gid = $gid
mail_location = maildir:$dir/mail/%u
mail_max_userip_connections = 200
mailbox_idle_check_interval = 1 secs
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $dir/passwd
}
userdb {
  driver = passwd-file
  args = username_format=%u $dir/passwd
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1, 127.0.0.2
    port = $DC_IMAP_PORT
  }
  inet_listener imaps {
    address = 127.0.0.1, 127.0.0.2
    port = $DC_IMAPS_PORT
    ssl = yes
  }
  $chroot_line
}
service imap {
  $chroot_line
}
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
service stats {
  unix_listener stats-writer {
    mode = 0666
  }
}
EOF
	# DC_SPECIAL_USE=0: a server that marks no folder (RFC 6154 absent).
	if [ "${DC_SPECIAL_USE:-1}" = 1 ]; then
		cat >>"$dir"/dovecot.conf <<'EOF'
namespace inbox {
  inbox = yes
  separator = /
  mailbox Sent {
    special_use = \Sent
    auto = create
  }
  mailbox Drafts {
    special_use = \Drafts
    auto = create
  }
}
EOF
	else
		printf 'namespace inbox {\n  inbox = yes\n  separator = /\n}\n' >>"$dir"/dovecot.conf
	fi
	if [ -n "$extra" ]; then
		cat "$extra" >>"$dir"/dovecot.conf
	fi
	rm -f "$dir"/run/anvil-auth-penalty
	# Not holding the caller's stdout: a pipe reader would wait for the server to exit.
	if ! dovecot -c "$dir"/dovecot.conf </dev/null >"$dir"/start.log 2>&1; then
		dc_log "dovecot did not start; see $dir/dovecot.log"
		tail -5 "$dir"/dovecot.log >&2
		return 1
	fi
	local i
	for i in $(seq 1 50); do
		if (exec 3<>/dev/tcp/127.0.0.1/"$DC_IMAPS_PORT") 2>/dev/null; then
			return 0
		fi
		sleep 0.1
	done
	dc_log "dovecot is not listening on $DC_IMAPS_PORT; see $dir/dovecot.log"
	tail -5 "$dir"/dovecot.log >&2
	return 1
}

dc_master_pid() { cat "$DC_DIR"/run/master.pid 2>/dev/null; }

# Stop the server and every session it still serves (a server restart, as a client sees it).
# SIG defaults to TERM; KILL simulates a crash.
dovecot_stop() {
	local sig=${1:-TERM} master kids
	master=$(dc_master_pid) || return 0
	[ -n "$master" ] || return 0
	kids=$(ps -o pid= --ppid "$master" 2>/dev/null || true)
	kill -"$sig" "$master" 2>/dev/null || true
	# shellcheck disable=SC2086
	[ -n "$kids" ] && kill -"$sig" $kids 2>/dev/null || true
	local i
	for i in $(seq 1 50); do
		kill -0 "$master" 2>/dev/null || break
		sleep 0.1
	done
	# shellcheck disable=SC2086
	[ -n "$kids" ] && kill -KILL $kids 2>/dev/null || true
	rm -f "$DC_DIR"/run/master.pid
}

# Same ports, same mail: a restart.
dovecot_restart() {
	dovecot_stop "${1:-TERM}"
	DC_KEEP_PORTS=1 dovecot_start "$DC_DIR" "${DC_EXTRA:-}"
}

dc_doveadm() { doveadm -c "$DC_DIR"/dovecot.conf "$@"; }

# dovecot_mkdir FOLDER: create a folder (UTF-8 name) through doveadm.
dovecot_mkdir() { dc_doveadm mailbox create -u "$DC_USER" "$1" 2>/dev/null || true; }

# dovecot_save FOLDER FILE [FLAGS...]: add one message as a client would (APPEND). FLAGS such
# as '\Seen' are set afterwards.
dovecot_save() {
	local folder=$1 file=$2
	shift 2
	dc_doveadm save -u "$DC_USER" -m "$folder" <"$file" || return 1
	if [ $# -gt 0 ]; then
		dc_doveadm flags add -u "$DC_USER" "$*" mailbox "$folder" \
			header Message-ID "$(dc_msgid "$file")" || return 1
	fi
}

dc_msgid() { sed -n 's/^[Mm]essage-[Ii][Dd]:[[:space:]]*//p' "$1" | head -1 | tr -d '\r'; }

# The on-disk Maildir++ directory of a folder (modified UTF-7, RFC 3501 5.1.3).
dc_maildir() {
	local folder=$1
	if [ "$folder" = INBOX ]; then
		echo "$DC_DIR/mail/$DC_USER"
		return
	fi
	python3 - "$DC_DIR/mail/$DC_USER" "$folder" <<'EOF'
import sys, base64
def mutf7(s):
    out, buf = [], ''
    def flush():
        nonlocal buf
        if buf:
            b = base64.b64encode(buf.encode('utf-16-be')).decode().rstrip('=').replace('/', ',')
            out.append('&' + b + '-'); buf = ''
    for ch in s:
        if 0x20 <= ord(ch) <= 0x7e:
            flush(); out.append('&-' if ch == '&' else ch)
        else:
            buf += ch
    flush()
    return ''.join(out)
print(sys.argv[1] + '/.' + mutf7(sys.argv[2]).replace('/', '.'))
EOF
}

# dovecot_deliver FOLDER FILE...: a fast delivery (Maildir tmp/ then rename into new/), as an
# MDA would do it.
dovecot_deliver() {
	local d name f n=0
	d=$(dc_maildir "$1")
	shift
	mkdir -p "$d"/tmp "$d"/new "$d"/cur
	for f in "$@"; do
		n=$((n + 1))
		name="$(date +%s).$$_${n}_$RANDOM.rwtest"
		cp "$f" "$d/tmp/$name"
		mv "$d/tmp/$name" "$d/new/$name"
	done
	if [ "$(id -u)" = 0 ]; then chown -R "$DC_MAILUSER:" "$DC_DIR/mail"; fi
}

# dovecot_flags FOLDER: "UID FLAGS" lines, to compare before and after a pass.
dovecot_flags() {
	dc_doveadm fetch -u "$DC_USER" 'uid flags' mailbox "$1" 2>/dev/null |
		awk '/^uid:/{u=$2} /^flags:/{s=""; for(i=2;i<=NF;i++) if ($i != "\\Recent") s=s" "$i; print u s}'
}
