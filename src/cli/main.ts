console.log("cli todo");
