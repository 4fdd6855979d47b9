# Sourced by run.sh and deploy/cluster.sh: installs what is missing, builds, starts the local PostgreSQL and exports the
# settings every PBX process of this checkout shares (database, API signing key, directories). Never committed secrets:
# the signing key is made once per checkout under .data/.
bash deploy/install-deps.sh
dotnet build src/Silo -c Release -nologo -v q
bash deploy/pg.sh start
mkdir -p .data
[ -s .data/jwt-signing-key ] || (umask 077 && head -c 48 /dev/urandom | base64 -w0 > .data/jwt-signing-key)
export Database__ConnectionString=${Database__ConnectionString:-"Host=127.0.0.1;Port=${PBX_PG_PORT:-5433};Username=pbx;Database=pbx"}
export Api__Jwt__SigningKey=${Api__Jwt__SigningKey:-$(cat .data/jwt-signing-key)}
export Media__RecordingsDirectory=${Media__RecordingsDirectory:-$PWD/.data/recordings}
export Media__PromptsDirectory=${Media__PromptsDirectory:-$PWD/.data/prompts}
export Trunks__KeysDirectory=${Trunks__KeysDirectory:-$PWD/.data/keys}
# SIP over TLS on its standard port (an address alone means 5061), presenting the certificate generated under .data/certs
# on the first run unless Sip__Certificate__Path names one.
export Sip__Tls__0=${Sip__Tls__0:-0.0.0.0}
export Sip__Certificate__Directory=${Sip__Certificate__Directory:-$PWD/.data/certs}
# The console and API over HTTPS on 8443 beside plain HTTP on 8080, presenting the same certificate as SIP over TLS: sign-in
# passwords do not cross the LAN in clear, and browsers give a page the microphone (the console's phone) only over HTTPS.
export Urls=${Urls:-"http://0.0.0.0:8080;https://0.0.0.0:8443"}
# Each silo process needs its own CDR journal directory (deploy/cluster.sh gives each silo one).
PBX_DLL=src/Silo/bin/Release/net10.0/Pbx.Silo.dll
export Cdrs__JournalDirectory=${Cdrs__JournalDirectory:-$PWD/.data/cdr-journal}
