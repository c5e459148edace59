// Stand-in images for the SQL Server and Neo4j containers, built here with `docker import` (the
// engine's POST /images/create?fromSrc=-) from busybox-static: the real images cannot be pulled on
// our machines. They behave like the real ones where the container lifecycle looks:
// - mssql: refuses to start without ACCEPT_EULA=Y (the real message), keeps data in /var/opt/mssql
//   (says whether it found an existing volume), listens on 1433 without ever answering a login, and
//   ships a /opt/mssql-tools18/bin/sqlcmd that succeeds, so Docker's healthcheck turns healthy.
// - mssql-weak: prints SQL Server's password policy failure and exits, as the real one does.
// - neo4j: listens on 7687 (never answers Bolt) and serves HTTP on 7474 (healthcheck).
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import type Dockerode from 'dockerode';

const BUSYBOX = '/bin/busybox';
export const STANDIN_REPO = 'hart-test/standin';

export const STANDIN_IMAGES = {
  sqlserver: `${STANDIN_REPO}:mssql-1`,
  sqlserverWeakPassword: `${STANDIN_REPO}:mssql-weak-1`,
  neo4j: `${STANDIN_REPO}:neo4j-1`,
} as const;

const MSSQL_SCRIPT = `#!/bin/busybox sh
/bin/busybox --install -s /bin 2>/dev/null
echo "SQL Server 2022 (stand-in) starting as $(hostname)"
if [ "$ACCEPT_EULA" != "Y" ]; then
  echo "The SQL Server End-User License Agreement (EULA) must be accepted before SQL Server can start. The license terms for this product can be downloaded from http://go.microsoft.com/fwlink/?LinkId=746388."
  echo "You can accept the EULA by specifying the --accept-eula command line option, setting the ACCEPT_EULA environment variable, or using the mssql-conf tool."
  exit 1
fi
if [ -f /var/opt/mssql/initialised ]; then
  echo "Found existing data in /var/opt/mssql from $(cat /var/opt/mssql/initialised)"
else
  mkdir -p /var/opt/mssql && date > /var/opt/mssql/initialised
  echo "Initialised /var/opt/mssql"
fi
echo "SQL Server is now ready for client connections. This is an informational message; no user action is required."
exec nc -ll -p 1433 -e sleep 3600
`;

const MSSQL_WEAK_SCRIPT = `#!/bin/busybox sh
echo "SQL Server 2022 (stand-in) starting"
echo "2026-01-01 00:00:00.00 spid29s     ERROR: Unable to set system administrator password: Password validation failed. The password does not meet SQL Server password policy requirements because it is not complex enough. The password must be at least 8 characters long and contain characters from three of the following four sets: Uppercase letters, Lowercase letters, Base 10 digits, and Symbols.."
exit 1
`;

const SQLCMD_SCRIPT = `#!/bin/busybox sh
# Stand-in for sqlcmd: succeeds when the password it would send is the container's sa password.
[ -n "$SQLCMDPASSWORD" ] && [ "$SQLCMDPASSWORD" = "$MSSQL_SA_PASSWORD" ]
`;

const NEO4J_SCRIPT = `#!/bin/busybox sh
/bin/busybox --install -s /bin 2>/dev/null
echo "Neo4j 5.26 (stand-in) starting"
mkdir -p /data /www && echo ok > /www/index.html
httpd -p 7474 -h /www
echo "Started."
exec nc -ll -p 7687 -e sleep 3600
`;

interface TarEntry {
  path: string;
  mode: number;
  /** File content, or undefined for a hard link to `link`. */
  data?: Buffer;
  link?: string;
  dir?: boolean;
}

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

/** A minimal ustar archive: enough for `docker import`. */
export function tarArchive(entries: readonly TarEntry[]): Buffer {
  const blocks: Buffer[] = [];
  for (const entry of entries) {
    const header = Buffer.alloc(512);
    const size = entry.data?.length ?? 0;
    header.write(entry.path, 0, 100, 'utf8');
    header.write(octal(entry.mode, 8), 100, 'ascii');
    header.write(octal(0, 8), 108, 'ascii');
    header.write(octal(0, 8), 116, 'ascii');
    header.write(octal(size, 12), 124, 'ascii');
    header.write(octal(Math.floor(Date.now() / 1000), 12), 136, 'ascii');
    header.write('        ', 148, 'ascii');
    header.write(entry.dir === true ? '5' : entry.link !== undefined ? '1' : '0', 156, 'ascii');
    if (entry.link !== undefined) header.write(entry.link, 157, 100, 'utf8');
    header.write('ustar\0', 257, 'ascii');
    header.write('00', 263, 'ascii');
    let sum = 0;
    for (const byte of header) sum += byte;
    header.write(octal(sum, 7) + ' ', 148, 'ascii');
    blocks.push(header);
    if (entry.data !== undefined && size > 0) {
      blocks.push(entry.data);
      const pad = (512 - (size % 512)) % 512;
      if (pad > 0) blocks.push(Buffer.alloc(pad));
    }
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

function rootfs(script: string, extra: TarEntry[] = []): Buffer {
  const busybox = readFileSync(BUSYBOX);
  return tarArchive([
    { path: 'bin/', mode: 0o755, dir: true },
    { path: 'bin/busybox', mode: 0o755, data: busybox },
    // Docker runs CMD-SHELL healthchecks with /bin/sh, possibly before the entrypoint ran.
    { path: 'bin/sh', mode: 0o755, link: 'bin/busybox' },
    { path: 'tmp/', mode: 0o1777, dir: true },
    { path: 'entrypoint.sh', mode: 0o755, data: Buffer.from(script) },
    ...extra,
  ]);
}

async function importImage(docker: Dockerode, image: string, archive: Buffer, changes: string[]): Promise<void> {
  const [repo, tag] = image.split(':');
  const stream = await docker.importImage(Readable.from([archive]), { repo, tag, changes });
  await new Promise<void>((resolve, reject) => {
    docker.modem.followProgress(stream, (error, output) => {
      if (error !== null) return reject(error);
      const failed = output.find((o: unknown) => typeof o === 'object' && o !== null && 'error' in o);
      if (failed !== undefined) return reject(new Error(JSON.stringify(failed)));
      resolve();
    });
  });
}

async function present(docker: Dockerode, image: string): Promise<boolean> {
  try {
    await docker.getImage(image).inspect();
    return true;
  } catch {
    return false;
  }
}

/** Builds the stand-in images that are missing (idempotent: a second run builds nothing). */
export async function buildStandinImages(docker: Dockerode): Promise<typeof STANDIN_IMAGES> {
  const entrypoint = 'ENTRYPOINT ["/bin/busybox", "sh", "/entrypoint.sh"]';
  if (!(await present(docker, STANDIN_IMAGES.sqlserver))) {
    await importImage(
      docker,
      STANDIN_IMAGES.sqlserver,
      rootfs(MSSQL_SCRIPT, [
        { path: 'opt/', mode: 0o755, dir: true },
        { path: 'opt/mssql-tools18/', mode: 0o755, dir: true },
        { path: 'opt/mssql-tools18/bin/', mode: 0o755, dir: true },
        { path: 'opt/mssql-tools18/bin/sqlcmd', mode: 0o755, data: Buffer.from(SQLCMD_SCRIPT) },
      ]),
      [entrypoint, 'EXPOSE 1433'],
    );
  }
  if (!(await present(docker, STANDIN_IMAGES.sqlserverWeakPassword))) {
    await importImage(docker, STANDIN_IMAGES.sqlserverWeakPassword, rootfs(MSSQL_WEAK_SCRIPT), [entrypoint]);
  }
  if (!(await present(docker, STANDIN_IMAGES.neo4j))) {
    await importImage(docker, STANDIN_IMAGES.neo4j, rootfs(NEO4J_SCRIPT), [entrypoint, 'EXPOSE 7474 7687']);
  }
  return STANDIN_IMAGES;
}
