using Pbx.Silo.Startup;

// The PBX: with no command it runs the roles configured under Roles (all of them by default);
// the commands below manage users and extensions against the same database.
return await PbxCommandLine.Build().Parse(args).InvokeAsync();
